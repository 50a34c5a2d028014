import { check, index, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { deadLetterTable, inboxTable, outboxTable } from '@sx/events';
import { NOTIFICATION_KINDS } from '../domain/notification-kind.js';

export const notificationsSchema = pgSchema('notifications');

// Millisecond precision: keyset cursors carry created_at as a JS Date.
const timestampMs = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

const kindList = sql.raw(NOTIFICATION_KINDS.map((k) => `'${k}'`).join(', '));

/** One in-app notification of one user, made from one domain event. */
export const notifications = notificationsSchema.table(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: uuid('recipient_id').notNull(),
    kind: text('kind').notNull(),
    /** The domain event it was made from. */
    eventId: uuid('event_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    taskId: uuid('task_id'),
    bidId: uuid('bid_id'),
    paymentId: uuid('payment_id'),
    readAt: timestampMs('read_at'),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('notifications_kind', sql`${t.kind} IN (${kindList})`),
    // The inbox already absorbs a redelivered event; this holds even for a replay under another consumer name.
    uniqueIndex('notifications_event_recipient_unique').on(t.eventId, t.recipientId),
    // Query.notifications: a recipient's newest first.
    index('notifications_recipient_idx').on(t.recipientId, t.createdAt, t.id),
    // The unread count reads only unread rows.
    index('notifications_unread_idx').on(t.recipientId).where(sql`${t.readAt} IS NULL`),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;

/**
 * Who the parties of an assigned task are, from `tasks.task.assigned`: a later cancellation
 * names only the poster, and the assignee must hear of it too.
 */
export const taskParticipants = notificationsSchema.table('task_participants', {
  taskId: uuid('task_id').primaryKey(),
  posterId: uuid('poster_id').notNull(),
  assigneeId: uuid('assignee_id').notNull(),
});

/** Events notifications publishes (transactional outbox) and the bookkeeping of the events it consumes. */
export const outbox = outboxTable(notificationsSchema);
export const inbox = inboxTable(notificationsSchema);
export const deadLetters = deadLetterTable(notificationsSchema);
