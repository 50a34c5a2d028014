import { buildEnvelope, notificationCreated, outboxChannel, type Actor } from '@sx/events';

const SERVICE = 'notifications';

/** The NOTIFY channel of notifications' outbox relay. */
export const OUTBOX_CHANNEL = outboxChannel(SERVICE);

/**
 * Written with each new notification (db/notification-batch-writes.ts, in the statement that
 * stores it): the recipient's live `notificationEvents` subscriptions get it.
 */
export function notificationCreatedEnvelope(row: { id: string; recipientId: string; kind: string }, actor: Actor) {
  return buildEnvelope(notificationCreated, { notificationId: row.id, recipientId: row.recipientId, kind: row.kind }, { actor });
}
