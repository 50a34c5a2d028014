import type { Identity } from '@sx/core';
import { type Caller, requireCaller } from '@sx/events';

/** The signed-in caller of a money mutation (UNAUTHENTICATED otherwise). */
export function callerOf(identity: Identity): Caller {
  // Stored uuids are lower case; the ledger compares owners as text.
  const caller = requireCaller(identity);
  return { ...caller, userId: caller.userId.toLowerCase() };
}
