import { appendEvent, userSignedUp, type Executor } from '@sx/events';
import type { Role } from '@sx/core';
import { outbox } from '../db/tables.js';

/** The outbox's service name (its NOTIFY channel). */
export const SERVICE = 'users';

/** Written in the sign-up's transaction, so an account exists exactly when its event does. */
export function recordUserSignedUp(tx: Executor, user: { id: string; roles: Role[] }) {
  return appendEvent(tx, outbox, userSignedUp, { userId: user.id, roles: user.roles }, { service: SERVICE, actor: { kind: 'user', id: user.id } });
}
