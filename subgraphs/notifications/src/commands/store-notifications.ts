import { SYSTEM_ACTOR, type EventEnvelope } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { insertNotifications } from '../db/notification-writes.js';
import { findChoices } from '../db/preference-queries.js';
import type { EmailLinks } from '../deps.js';
import type { NotificationDraft } from '../domain/notification-kind.js';
import { isEnabled, type Channel } from '../domain/preferences.js';
import { recordNotificationCreated } from '../events/notification-events.js';
import { queueNotificationEmails } from './queue-notification-emails.js';

/** What event reactions need beyond their transaction: whether and how to queue emails. */
export interface NotifySettings {
  /** Null: email is off (no SMTP_URL). */
  emailLinks: EmailLinks | null;
}

/**
 * The common end of every event reaction: keeps the drafts each recipient wants in the app and
 * by email (preferences), stores the in-app ones once per event and recipient with a live event
 * each, and queues the emails once per (event, recipient, channel) — all in the consumer's transaction.
 */
export async function storeNotifications(
  tx: Tx,
  event: Pick<EventEnvelope<unknown>, 'id' | 'type'>,
  log: Logger,
  drafts: readonly NotificationDraft[],
  settings: NotifySettings,
): Promise<void> {
  if (drafts.length === 0) return;
  const choices = await findChoices(tx, drafts.map((d) => d.recipientId));
  const wants = (channel: Channel) => (d: NotificationDraft) =>
    isEnabled(choices.filter((c) => c.userId === d.recipientId), d.kind, channel);
  const rows = await insertNotifications(tx, event.id, drafts.filter(wants('IN_APP')));
  for (const row of rows) await recordNotificationCreated(tx, row, SYSTEM_ACTOR);
  const emailed = settings.emailLinks ? await queueNotificationEmails(tx, { eventId: event.id, drafts: drafts.filter(wants('EMAIL')), rows, links: settings.emailLinks }) : 0;
  if (rows.length + emailed > 0) log.debug({ eventId: event.id, type: event.type, notifications: rows.length, emails: emailed }, 'notifications stored');
}
