import { Forbidden, Unauthenticated } from './errors.js';
import type { Identity, Role } from './identity.js';

/** The caller's user id, or UNAUTHENTICATED. */
export function requireUser(identity: Identity): string {
  if (!identity.userId) throw new Unauthenticated('NOT_SIGNED_IN', 'Sign in to do this: send an access token in the Authorization header.');
  return identity.userId;
}

export function requireRole(identity: Identity, role: Role): string {
  const userId = requireUser(identity);
  if (!identity.roles.includes(role)) throw new Forbidden('ROLE_REQUIRED', `Only users with the ${role} role can do this.`, { role });
  return userId;
}

export function isAdmin(identity: Identity): boolean {
  return identity.roles.includes('ADMIN');
}
