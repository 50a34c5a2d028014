import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR, type EventEnvelope } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { findAudience } from '../db/audience-queries.js';
import { writeNotificationBatch } from '../db/notification-batch-writes.js';
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
  const { emailLinks } = settings;
  const audience = await findAudience(tx, drafts.map((d) => d.recipientId), emailLinks !== null);
  const wants = (channel: Channel) => (d: NotificationDraft) => isEnabled(audience.choices.get(d.recipientId) ?? [], d.kind, channel);
  // Ids chosen here, so the live events and the emails can name their notification up front.
  const inApp = drafts.filter(wants('IN_APP')).map((d) => ({ ...d, id: randomUUID() }));
  const notificationIdOf = (recipientId: string) => inApp.find((n) => n.recipientId === recipientId)?.id ?? null;
  const emails = emailLinks ? notificationEmails({ eventId: event.id, drafts: drafts.filter(wants('EMAIL')), addresses: audience.addresses, notificationIdOf, links: emailLinks }) : [];
  if (inApp.length === 0 && emails.length === 0) return;
  const written = await writeNotificationBatch(tx, {
    eventId: event.id,
    notifications: inApp,
    created: inApp.map((n) => notificationCreatedEnvelope(n, SYSTEM_ACTOR)),
    emails,
    channel: OUTBOX_CHANNEL,
  });
  if (written.notifications + written.emails > 0) log.debug({ eventId: event.id, type: event.type, ...written }, 'notifications stored');
}
