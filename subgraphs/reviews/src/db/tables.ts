import { check, foreignKey, index, integer, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { deadLetterTable, inboxTable, outboxTable } from '@sx/events';

export const reviewsSchema = pgSchema('reviews');

// Millisecond precision: keyset cursors carry created_at as a JS Date.
const timestampMs = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * The local replica of COMPLETED tasks, fed by `tasks.task.completed` (reviews never reads the
 * tasks schema). A row exists exactly when the task may be reviewed; it never changes after.
 */
export const completedTasks = reviewsSchema.table(
  'completed_tasks',
  {
    taskId: uuid('task_id').primaryKey(),
    posterId: uuid('poster_id').notNull(),
    assigneeId: uuid('assignee_id').notNull(),
    completedAt: timestampMs('completed_at').notNull(),
  },
  (t) => [
    check('completed_tasks_two_participants', sql`${t.posterId} <> ${t.assigneeId}`),
    // What the reveal job scans: tasks by completion, oldest windows first.
    index('completed_tasks_completed_at_idx').on(t.completedAt),
  ],
);

export type CompletedTaskRow = typeof completedTasks.$inferSelect;

/** One review of one participant of a completed task by the other. */
export const reviews = reviewsSchema.table(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id').notNull(),
    authorId: uuid('author_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    rating: integer('rating').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
    /**
     * When the review became visible to everyone (blind reviews): null while only its author may
     * read it, until the other participant reviews too or the review window closes.
     */
    revealedAt: timestampMs('revealed_at'),
  },
  (t) => [
    // The same rules the domain checks, so a bug fails loudly instead of storing a bad review.
    check('rating_range', sql`${t.rating} BETWEEN 1 AND 5`),
    check('reviews_comment_length', sql`char_length(${t.comment}) <= 2000`),
    check('reviews_not_self', sql`${t.authorId} <> ${t.subjectId}`),
    foreignKey({ name: 'reviews_completed_task_fk', columns: [t.taskId], foreignColumns: [completedTasks.taskId] }),
    // Once per author and task; also serves Task.reviews (a task has at most two reviews).
    uniqueIndex('reviews_task_author_unique').on(t.taskId, t.authorId),
    index('reviews_subject_idx').on(t.subjectId, t.createdAt),
    // The hidden reviews only (a small set): what the reveal job and leaveReview's reveal look at.
    index('reviews_hidden_task_idx').on(t.taskId).where(sql`${t.revealedAt} IS NULL`),
  ],
);

export type ReviewRow = typeof reviews.$inferSelect;

/**
 * Each user's received ratings as a running count and sum, maintained from
 * `reviews.review.revealed` events (hidden reviews do not count), so `User.rating` reads one row instead of aggregating reviews.
 */
export const ratings = reviewsSchema.table(
  'ratings',
  {
    subjectId: uuid('subject_id').primaryKey(),
    count: integer('count').notNull(),
    sum: integer('sum').notNull(),
    updatedAt: timestampMs('updated_at').notNull().defaultNow(),
  },
  (t) => [check('ratings_sum_in_range', sql`${t.count} >= 0 AND ${t.sum} BETWEEN ${t.count} AND 5 * ${t.count}`)],
);

export type RatingTotalsRow = typeof ratings.$inferSelect;

/** Events reviews publishes (transactional outbox) and the bookkeeping of the events it consumes. */
export const outbox = outboxTable(reviewsSchema);
export const inbox = inboxTable(reviewsSchema);
export const deadLetters = deadLetterTable(reviewsSchema);
