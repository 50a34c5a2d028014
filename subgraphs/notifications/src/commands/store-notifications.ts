import { SYSTEM_ACTOR, type EventEnvelope } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { insertNotifications } from '../db/notification-writes.js';
import type { NotificationDraft } from '../domain/notification-kind.js';
import { recordNotificationCreated } from '../events/notification-events.js';

/**
 * The common end of every event reaction: stores what the rules decided (once per event and
 * recipient) and records a live event for each new row, in the consumer's transaction.
 */
export async function storeNotifications(tx: Tx, event: EventEnvelope<unknown>, log: Logger, drafts: readonly NotificationDraft[]): Promise<void> {
  const rows = await insertNotifications(tx, event.id, drafts);
  for (const row of rows) await recordNotificationCreated(tx, row, SYSTEM_ACTOR);
  if (rows.length > 0) log.debug({ eventId: event.id, type: event.type, notifications: rows.length }, 'notifications stored');
}
