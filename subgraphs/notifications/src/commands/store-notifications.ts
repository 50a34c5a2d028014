import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR, type EventEnvelope, type EventStep } from '@sx/events';
import type { Logger, Queryable, Tx } from '@sx/runtime';
import { findAudience } from '../db/audience-queries.js';
import { writeNotificationBatch, type NotificationBatch } from '../db/notification-batch-writes.js';
import type { EmailLinks } from '../deps.js';
import type { NotificationDraft } from '../domain/notification-kind.js';
import { isEnabled, type Channel } from '../domain/preferences.js';
import { notificationCreatedEnvelope, OUTBOX_CHANNEL } from '../events/notification-events.js';
import { notificationEmails } from './notification-emails.js';

/** What event reactions need beyond their transaction: whether and how to queue emails. */
export interface NotifySettings {
  /** Null: email is off (no SMTP_URL). */
  emailLinks: EmailLinks | null;
}

/**
 * The common end of every event reaction: keeps the drafts each recipient wants in the app and
 * by email (preferences), stores the in-app ones once per event and recipient with a live event
 * each, and queues the emails once per (event, recipient, channel) — all in the consumer's
 * transaction, in two statements whatever the number of recipients (read them, write it all).
 */
export async function storeNotifications(
  tx: Tx,
  event: Pick<EventEnvelope<unknown>, 'id' | 'type'>,
  log: Logger,
  drafts: readonly NotificationDraft[],
  settings: NotifySettings,
): Promise<void> {
  if (drafts.length === 0) return;
  const batch = await planBatch(tx, event, drafts, settings);
  if (batch.notifications.length === 0 && batch.emails.length === 0) return;
  logWritten(event, log, await writeNotificationBatch(tx, batch));
}

/**
 * The consumer's `step` of a reaction whose drafts come from the event alone: the audience read,
 * then one statement that claims the inbox row and writes the batch (an autocommit each, no
 * transaction around them: the read decides, the write is atomic). Two statements where BEGIN,
 * inbox, read, write, COMMIT took five. A redelivery's write finds the inbox row and raises
 * SXF01 (nothing stays), and the consumer's general way says 'duplicate'.
 */
export const notifyInOneWrite =
  <T>(settings: NotifySettings, draftsOf: (data: T) => readonly NotificationDraft[]): EventStep<T> =>
  async (db, event, { consumer, log }) => {
    const drafts = draftsOf(event.data);
    const batch = drafts.length === 0 ? emptyBatch(event.id) : await planBatch(db, event, drafts, settings);
    logWritten(event, log, await writeNotificationBatch(db, { ...batch, claimFor: consumer }));
    return 'handled';
  };

/** The batch of the drafts the recipients want (their preferences, read in one statement). */
async function planBatch(db: Queryable, event: Pick<EventEnvelope<unknown>, 'id'>, drafts: readonly NotificationDraft[], { emailLinks }: NotifySettings): Promise<NotificationBatch> {
  const audience = await findAudience(db, drafts.map((d) => d.recipientId), emailLinks !== null);
  const wants = (channel: Channel) => (d: NotificationDraft) => isEnabled(audience.choices.get(d.recipientId) ?? [], d.kind, channel);
  // Ids chosen here, so the live events and the emails can name their notification up front.
  const inApp = drafts.filter(wants('IN_APP')).map((d) => ({ ...d, id: randomUUID() }));
  const notificationIdOf = (recipientId: string) => inApp.find((n) => n.recipientId === recipientId)?.id ?? null;
  const emails = emailLinks ? notificationEmails({ eventId: event.id, drafts: drafts.filter(wants('EMAIL')), addresses: audience.addresses, notificationIdOf, links: emailLinks }) : [];
  return { ...emptyBatch(event.id), notifications: inApp, created: inApp.map((n) => notificationCreatedEnvelope(n, SYSTEM_ACTOR)), emails };
}

function emptyBatch(eventId: string): NotificationBatch {
  return { eventId, notifications: [], created: [], emails: [], channel: OUTBOX_CHANNEL };
}

function logWritten(event: Pick<EventEnvelope<unknown>, 'id' | 'type'>, log: Logger, written: { notifications: number; emails: number }): void {
  if (written.notifications + written.emails > 0) log.debug({ eventId: event.id, type: event.type, ...written }, 'notifications stored');
}
