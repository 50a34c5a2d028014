import { appendEvent, userSessionEnded, userSignedUp, type Executor } from '@sx/events';
import type { Role } from '@sx/core';
import { outbox } from '../db/tables.js';

/** The outbox's service name (its NOTIFY channel). */
export const SERVICE = 'users';

/** Written in the sign-up's transaction, so an account exists exactly when its event does. */
export function recordUserSignedUp(tx: Executor, user: { id: string; roles: Role[]; email: string; name: string }) {
  const data = { userId: user.id, roles: user.roles, email: user.email, name: user.name };
  return appendEvent(tx, outbox, userSignedUp, data, { service: SERVICE, actor: { kind: 'user', id: user.id } });
}

/** Written in the sign-out's transaction: the gateways close the user's sockets when it arrives. */
export function recordSessionEnded(tx: Executor, session: { userId: string; sessionId: string }) {
  return appendEvent(tx, outbox, userSessionEnded, session, { service: SERVICE, actor: { kind: 'user', id: session.userId } });
}
