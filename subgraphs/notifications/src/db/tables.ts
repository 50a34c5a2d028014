import { boolean, check, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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

/**
 * What the reminders job needs of each task, from tasks' events: who, its status, when it is
 * due and when its work was marked done (the auto-release counts from then).
 */
export const trackedTasks = notificationsSchema.table(
  'tracked_tasks',
  {
    taskId: uuid('task_id').primaryKey(),
    posterId: uuid('poster_id').notNull(),
    assigneeId: uuid('assignee_id'),
    status: text('status').notNull(),
    dueAt: timestampMs('due_at'),
    doneAt: timestampMs('done_at'),
  },
  (t) => [index('tracked_tasks_status_idx').on(t.status)],
);

export type TrackedTaskRow = typeof trackedTasks.$inferSelect;

/** Reminders sent: at most one per task and kind, whatever the number of job instances (the primary key decides). */
export const reminders = notificationsSchema.table(
  'reminders',
  {
    taskId: uuid('task_id').notNull(),
    kind: text('kind').notNull(),
    sentAt: timestampMs('sent_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.kind] })],
);

/**
 * Where to email each user, from `users.user.signed_up` (v2 carries the address and name):
 * notifications never reads the users schema.
 */
export const recipients = notificationsSchema.table('recipients', {
  userId: uuid('user_id').primaryKey(),
  email: text('email').notNull(),
  name: text('name'),
});

/**
 * Emails to send, written with the notification they tell of (same transaction) and sent by the
 * email sender job: once per (event, recipient, channel), retried with backoff, a permanent
 * failure kept as FAILED with its error.
 */
export const emailOutbox = notificationsSchema.table(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id').notNull(),
    recipientId: uuid('recipient_id').notNull(),
    channel: text('channel').notNull().default('EMAIL'),
    kind: text('kind').notNull(),
    notificationId: uuid('notification_id'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    /** A one-click unsubscribe URL for the List-Unsubscribe header; null for account emails (verification, reset), which are not optional. */
    unsubscribeUrl: text('unsubscribe_url'),
    status: text('status').notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestampMs('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestampMs('sent_at'),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('email_outbox_status', sql`${t.status} IN ('PENDING', 'SENT', 'FAILED')`),
    uniqueIndex('email_outbox_event_recipient_channel_unique').on(t.eventId, t.recipientId, t.channel),
    // The sender's claim reads only what is due.
    index('email_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'PENDING'`),
  ],
);

export type EmailOutboxRow = typeof emailOutbox.$inferSelect;

/** A user's choice for one kind on one channel; a missing row means the default (domain/preferences.ts). */
export const preferences = notificationsSchema.table(
  'preferences',
  {
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: timestampMs('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.channel] }), check('preferences_channel', sql`${t.channel} IN ('IN_APP', 'EMAIL')`)],
);

export type PreferenceRow = typeof preferences.$inferSelect;

/** Events notifications publishes (transactional outbox) and the bookkeeping of the events it consumes. */
export const outbox = outboxTable(notificationsSchema);
export const inbox = inboxTable(notificationsSchema);
export const deadLetters = deadLetterTable(notificationsSchema);
