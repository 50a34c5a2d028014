import { bigint, check, index, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { ACTIVE_BID_STATUSES, BID_STATUSES, type BidStatus } from '../domain/bid-status.js';

export const bidsSchema = pgSchema('bids');

const sqlList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * A tasker's offer on a task. `task_id` and `tasker_id` name rows of other subgraphs, so they
 * carry no foreign keys; the tasks replica (events work) will let bids check them.
 */
export const bids = bidsSchema.table(
  'bids',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id').notNull(),
    taskerId: uuid('tasker_id').notNull(),
    // bigint so sums never overflow; mode number is exact below 2^53 (amounts are capped far lower).
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    message: text('message').notNull(),
    status: text('status').$type<BidStatus>().notNull().default('PENDING'),
    // Millisecond precision: keyset cursors carry a JS Date, which would lose microseconds.
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('bids_amount_positive', sql`${t.amountMinor} > 0`),
    check('bids_currency_code', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('bids_status_known', sql`${t.status} IN (${sqlList(BID_STATUSES)})`),
    // One standing bid per tasker per task; withdrawn or rejected bids do not block a new one.
    uniqueIndex('bids_one_active_per_tasker')
      .on(t.taskId, t.taskerId)
      .where(sql`status IN (${sqlList(ACTIVE_BID_STATUSES)})`),
    index('bids_task_created_idx').on(t.taskId, t.createdAt, t.id),
    index('bids_tasker_created_idx').on(t.taskerId, t.createdAt, t.id),
  ],
);

export type BidRow = typeof bids.$inferSelect;
