import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, primaryKey, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';

/**
 * The transactional outbox of one service, in that service's own schema: an event row is
 * written in the same transaction as the change it describes, and the relay publishes it.
 * `seq` gives the publish order (per aggregate it follows commit order, since writers of one
 * aggregate hold its row lock while appending).
 */
export function outboxTable(schema: PgSchema) {
  return schema.table(
    'outbox',
    {
      seq: bigserial('seq', { mode: 'number' }).primaryKey(),
      id: uuid('id').notNull().unique(),
      type: text('type').notNull(),
      version: integer('version').notNull(),
      aggregateId: text('aggregate_id').notNull(),
      envelope: jsonb('envelope').notNull(),
      occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
      publishedAt: timestamp('published_at', { withTimezone: true }),
    },
    (t) => [index('outbox_pending_idx').on(t.seq).where(sql`${t.publishedAt} IS NULL`)],
  );
}

/** Events a consumer has handled; written in the handler's transaction, so redelivery is a no-op. */
export function inboxTable(schema: PgSchema) {
  return schema.table(
    'inbox',
    {
      consumer: text('consumer').notNull(),
      eventId: uuid('event_id').notNull(),
      processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
  );
}

/** Events a consumer gave up on: the event, which consumer, and the last error. */
export function deadLetterTable(schema: PgSchema) {
  return schema.table('dead_letters', {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    consumer: text('consumer').notNull(),
    eventId: text('event_id'),
    type: text('type'),
    subject: text('subject').notNull(),
    payload: text('payload').notNull(),
    error: text('error').notNull(),
    deliveries: integer('deliveries').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  });
}

export type OutboxTable = ReturnType<typeof outboxTable>;
export type InboxTable = ReturnType<typeof inboxTable>;
export type DeadLetterTable = ReturnType<typeof deadLetterTable>;
