import { sql } from 'drizzle-orm';
import type { EventEnvelope } from '@sx/events';
import type { Queryable } from '@sx/runtime';
import type { NotificationDraft } from '../domain/notification-kind.js';
import type { NewEmail } from './email-outbox-queries.js';
import { emailOutbox, inbox, notifications, outbox } from './tables.js';

/** Everything one event leaves behind in notifications, written together. */
export interface NotificationBatch {
  eventId: string;
  /** In-app notifications, each with the id chosen for it beforehand. */
  notifications: readonly (NotificationDraft & { id: string })[];
  /** notifications.notification.created of each, validated; written only for a row that is new. */
  created: readonly EventEnvelope[];
  /** The emails; `notificationId` is kept only where that notification is new. */
  emails: readonly NewEmail[];
  channel: string;
  /**
   * The consumer whose inbox row of the event this statement claims, when it runs on its own as
   * the consumer's step (outside a transaction); absent when the consumer already wrote the row.
   */
  claimFor?: string;
}

interface BatchRow extends Record<string, unknown> {
  notifications: string;
  emails: string;
}

/**
 * The event's notifications (one per recipient; a pair already stored is skipped), the live
 * event of each new one, the NOTIFY that wakes the relay, and the queued emails — one statement
 * where it took two plus one per recipient. The CTEs see one snapshot; an email links its
 * notification only if this statement inserted it, as before.
 */
export async function writeNotificationBatch(tx: Queryable, batch: NotificationBatch): Promise<{ notifications: number; emails: number }> {
  const parts = [];
  // The claim and the effect in one statement: if the row was there, SXF01 undoes them both.
  if (batch.claimFor !== undefined) parts.push(sql`claimed AS (INSERT INTO ${inbox} (consumer, event_id) VALUES (${batch.claimFor}, ${batch.eventId}::uuid) ON CONFLICT DO NOTHING RETURNING 1)`);
  const claimCheck = batch.claimFor !== undefined ? sql`, notifications.fall_back_unless_claimed((SELECT count(*) FROM claimed)) AS claimed` : sql``;
  if (batch.notifications.length > 0) {
    const insert = tx
      .insert(notifications)
      .values(batch.notifications.map((d) => ({ ...d, eventId: batch.eventId })))
      .onConflictDoNothing({ target: [notifications.eventId, notifications.recipientId] });
    parts.push(sql`inserted AS (${insert.getSQL()} RETURNING id)`);
    parts.push(sql`appended AS (INSERT INTO ${outbox} (id, type, version, aggregate_id, envelope, occurred_at)
      SELECT (e->>'id')::uuid, e->>'type', (e->>'version')::integer, e->'data'->>'recipientId', e, (e->>'occurredAt')::timestamptz
      FROM jsonb_array_elements(${JSON.stringify(batch.created)}::jsonb) e
      WHERE (e->'data'->>'notificationId')::uuid IN (SELECT id FROM inserted)
      RETURNING 1)`);
    parts.push(sql`notified AS (SELECT pg_notify(${batch.channel}, '') FROM (SELECT 1 FROM appended LIMIT 1) x)`);
  } else {
    parts.push(sql`inserted AS (SELECT NULL::uuid AS id WHERE false)`, sql`notified AS (SELECT 1 WHERE false)`);
  }
  if (batch.emails.length > 0) {
    const linked = (id: string | null) => (id ? sql`(SELECT i.id FROM inserted i WHERE i.id = ${id}::uuid)` : null);
    const insert = tx
      .insert(emailOutbox)
      .values(batch.emails.map((e) => ({ ...e, notificationId: linked(e.notificationId) })))
      .onConflictDoNothing({ target: [emailOutbox.eventId, emailOutbox.recipientId, emailOutbox.channel] });
    parts.push(sql`emailed AS (${insert.getSQL()} RETURNING 1)`);
  } else {
    parts.push(sql`emailed AS (SELECT 1 WHERE false)`);
  }
  const result = await tx.execute<BatchRow>(sql`WITH ${sql.join(parts, sql`, `)}
    SELECT (SELECT count(*) FROM inserted) AS notifications, (SELECT count(*) FROM emailed) AS emails, (SELECT count(*) FROM notified) AS notified${claimCheck}`);
  const row = result.rows[0];
  return { notifications: Number(row?.notifications ?? 0), emails: Number(row?.emails ?? 0) };
}
