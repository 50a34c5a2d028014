import { type Identity, requireRole, requireUser, type Role } from '@sx/core';
import { actorOf, type Actor } from './envelope.js';

/**
 * Who asks a command to run: the signed-in user it acts for, and the actor the events it
 * writes will name. Resolvers build it from the request's identity; commands never see GraphQL.
 */
export interface Caller {
  userId: string;
  actor: Actor;
}

/** The signed-in caller (UNAUTHENTICATED otherwise), holding `role` when one is named (FORBIDDEN otherwise). */
export function requireCaller(identity: Identity, role?: Role): Caller {
  const userId = role ? requireRole(identity, role) : requireUser(identity);
  return { userId, actor: actorOf(identity) };
}
