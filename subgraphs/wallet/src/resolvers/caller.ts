import { type Identity, requireUser } from '@sx/core';
import { actorOf } from '@sx/events';
import type { Caller } from '../deps.js';

/** The signed-in caller of a money mutation (UNAUTHENTICATED otherwise). */
export function callerOf(identity: Identity): Caller {
  // Stored uuids are lower case; the ledger compares owners as text.
  return { userId: requireUser(identity).toLowerCase(), actor: actorOf(identity) };
}
