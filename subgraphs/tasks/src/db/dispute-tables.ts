import { sql } from 'drizzle-orm';
import { bigint, check, index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { DISPUTE_DETAILS_MAX, DISPUTE_MESSAGE_MAX, DISPUTE_REASONS, DISPUTE_STATUSES, type DisputeReason, type DisputeStatus } from '../domain/dispute-rules.js';
import { taskStatus, tasksSchema } from './tables.js';

// Disputes and withdrawals live in tasks (docs/decisions.md, issue 17): the task's row lock
// decides every race between a dispute and the task's other steps.

const timestampMs = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const sqlList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** A dispute on an assigned or done task: OPEN (escrow frozen), then RESOLVED (split) or DISMISSED. */
export const disputes = tasksSchema.table(
  'disputes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id').notNull(),
    /** The escrow payment the dispute freezes. */
    paymentId: uuid('payment_id').notNull(),
    openedBy: uuid('opened_by').notNull(),
    reason: text('reason').$type<DisputeReason>().notNull(),
    details: text('details').notNull(),
    status: text('status').$type<DisputeStatus>().notNull().default('OPEN'),
    /** Where the task was when the dispute opened: a dismissal sends it back there. */
    previousStatus: taskStatus('previous_status').notNull(),
    /** The admin's split, in the held payment's currency; null until RESOLVED. */
    refundMinor: bigint('refund_minor', { mode: 'number' }),
    releaseMinor: bigint('release_minor', { mode: 'number' }),
    currency: text('currency').notNull(),
    resolvedBy: uuid('resolved_by'),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
    resolvedAt: timestampMs('resolved_at'),
  },
  (t) => [
    check('disputes_status_known', sql`${t.status} IN (${sqlList(DISPUTE_STATUSES)})`),
    check('disputes_reason_known', sql`${t.reason} IN (${sqlList(DISPUTE_REASONS)})`),
    check('disputes_details_length', sql`char_length(${t.details}) <= ${sql.raw(String(DISPUTE_DETAILS_MAX))}`),
    check('disputes_previous_status', sql`${t.previousStatus}::text IN ('ASSIGNED', 'DONE')`),
    // A split exactly on RESOLVED disputes, never negative; a decision exactly on closed ones.
    check('disputes_split_on_resolved', sql`(${t.status} = 'RESOLVED') = (${t.refundMinor} IS NOT NULL AND ${t.releaseMinor} IS NOT NULL)`),
    check('disputes_split_not_negative', sql`${t.refundMinor} >= 0 AND ${t.releaseMinor} >= 0`),
    check('disputes_closed_once', sql`(${t.status} = 'OPEN') = (${t.resolvedAt} IS NULL) AND (${t.resolvedAt} IS NULL) = (${t.resolvedBy} IS NULL)`),
    // At most one open dispute per task.
    uniqueIndex('disputes_one_open_per_task').on(t.taskId).where(sql`${t.status} = 'OPEN'`),
    index('disputes_task_created_idx').on(t.taskId, t.createdAt),
  ],
);

export type DisputeRow = typeof disputes.$inferSelect;

/** The conversation of a dispute: the parties and admins, oldest first. */
export const disputeMessages = tasksSchema.table(
  'dispute_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    disputeId: uuid('dispute_id')
      .notNull()
      .references(() => disputes.id),
    authorId: uuid('author_id').notNull(),
    body: text('body').notNull(),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('dispute_messages_body_length', sql`char_length(${t.body}) BETWEEN 1 AND ${sql.raw(String(DISPUTE_MESSAGE_MAX))}`),
    index('dispute_messages_dispute_created_idx').on(t.disputeId, t.createdAt, t.id),
  ],
);

export type DisputeMessageRow = typeof disputeMessages.$inferSelect;

/** Each time an assignee withdrew from a task: the public reliability count (User.withdrawalCount). */
export const withdrawals = tasksSchema.table(
  'withdrawals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id').notNull(),
    taskerId: uuid('tasker_id').notNull(),
    bidId: uuid('bid_id').notNull(),
    paymentId: uuid('payment_id').notNull(),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('withdrawals_payment_unique').on(t.paymentId), index('withdrawals_tasker_idx').on(t.taskerId)],
);
