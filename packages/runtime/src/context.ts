import type { Logger } from 'pino';
import { Forbidden, Unauthenticated } from './errors.js';
import type { Identity, Role } from './identity.js';

/** What every resolver receives: who calls, per-request loaders, a logger. */
export interface ServiceContext<L> {
  identity: Identity;
  loaders: L;
  log: Logger;
}

/** The caller's user id, or UNAUTHENTICATED. */
export function requireUser(identity: Identity): string {
  if (!identity.userId) throw new Unauthenticated('Sign in to do this: send an access token in the Authorization header.');
  return identity.userId;
}

export function requireRole(identity: Identity, role: Role): string {
  const userId = requireUser(identity);
  if (!identity.roles.includes(role)) throw new Forbidden(`Only users with the ${role} role can do this.`);
  return userId;
}

export function isAdmin(identity: Identity): boolean {
  return identity.roles.includes('ADMIN');
}
