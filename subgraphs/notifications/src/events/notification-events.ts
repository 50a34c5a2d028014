import { appendEvent, notificationCreated, type Actor, type Executor } from '@sx/events';
import type { NotificationRow } from '../db/tables.js';
import { outbox } from '../db/tables.js';

const SERVICE = 'notifications';

/** Written with each new notification: the recipient's live `notificationEvents` subscriptions get it. */
export function recordNotificationCreated(tx: Executor, row: NotificationRow, actor: Actor) {
  return appendEvent(tx, outbox, notificationCreated, { notificationId: row.id, recipientId: row.recipientId, kind: row.kind }, { service: SERVICE, actor });
}
