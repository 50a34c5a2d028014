import { appendEvent, userRolesChanged, userSuspended, userUnsuspended, userUpdated, type Actor, type Executor, type PayloadOf } from '@sx/events';
import { outbox } from '../db/tables.js';
import { SERVICE } from './user-events.js';

const actorFor = (actorId: string | null): Actor => (actorId ? { kind: 'user', id: actorId } : { kind: 'system', id: null });

/** Written with the profile change: other domains' replicas of the profile follow it. */
export function recordUserUpdated(tx: Executor, data: PayloadOf<typeof userUpdated>) {
  return appendEvent(tx, outbox, userUpdated, data, { service: SERVICE, actor: actorFor(data.userId) });
}

/** Written with the suspension: tasks hides the account's tasks, gateways close its sockets. */
export function recordUserSuspended(tx: Executor, data: PayloadOf<typeof userSuspended>, actorId: string) {
  return appendEvent(tx, outbox, userSuspended, data, { service: SERVICE, actor: actorFor(actorId) });
}

export function recordUserUnsuspended(tx: Executor, data: PayloadOf<typeof userUnsuspended>, actorId: string) {
  return appendEvent(tx, outbox, userUnsuspended, data, { service: SERVICE, actor: actorFor(actorId) });
}

/** The admin command-line tool is the system, not a user: its changes name no user actor. */
export function recordUserRolesChanged(tx: Executor, data: PayloadOf<typeof userRolesChanged>) {
  return appendEvent(tx, outbox, userRolesChanged, data, { service: SERVICE, actor: actorFor(null) });
}
