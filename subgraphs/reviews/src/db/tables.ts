import { check, index, integer, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const reviewsSchema = pgSchema('reviews');

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
    // Millisecond precision: keyset cursors carry created_at as a JS Date.
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('rating_range', sql`${t.rating} BETWEEN 1 AND 5`),
    uniqueIndex('reviews_task_author_unique').on(t.taskId, t.authorId),
    index('reviews_subject_idx').on(t.subjectId, t.createdAt),
  ],
);

export type ReviewRow = typeof reviews.$inferSelect;
