import { bigint, boolean, check, index, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { deadLetterTable, inboxTable, outboxTable } from '@sx/events';
import { ACCEPT_FAILURE_REASONS, ACCEPTANCE_STATUSES, type AcceptFailureReason } from '../domain/accept-bid.js';
import { MAX_BID_MESSAGE_LENGTH } from '../domain/bid-draft.js';
import { ACTIVE_BID_STATUSES, BID_STATUSES, type BidStatus } from '../domain/bid-status.js';
import { TASK_STATUSES, type TaskStatus } from '../domain/task-replica.js';

export const bidsSchema = pgSchema('bids');

const sqlList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * A tasker's offer on a task. `task_id` and `tasker_id` name rows of other subgraphs, so they
 * carry no foreign keys; placeBid checks the task against `task_replica`.
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
    // Why the poster's last accept of this bid failed (wallet declined the hold), and when;
    // cleared when the poster accepts it again.
    lastAcceptFailure: text('last_accept_failure').$type<AcceptFailureReason>(),
    lastAcceptFailureAt: timestamp('last_accept_failure_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    check('bids_amount_positive', sql`${t.amountMinor} > 0`),
    check('bids_currency_code', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('bids_status_known', sql`${t.status} IN (${sqlList(BID_STATUSES)})`),
    check('bids_message_length', sql`char_length(${t.message}) <= ${sql.raw(String(MAX_BID_MESSAGE_LENGTH))}`),
    // One standing bid per tasker per task; withdrawn or rejected bids do not block a new one.
    uniqueIndex('bids_one_active_per_tasker')
      .on(t.taskId, t.taskerId)
      .where(sql`status IN (${sqlList(ACTIVE_BID_STATUSES)})`),
    // One chosen bid per task: two accepts can never both hold the task's escrow.
    uniqueIndex('bids_one_accepted_per_task')
      .on(t.taskId)
      .where(sql`status IN (${sqlList(ACCEPTANCE_STATUSES)})`),
    check('bids_accept_failure_known', sql`${t.lastAcceptFailure} IN (${sqlList(ACCEPT_FAILURE_REASONS)})`),
    check('bids_accept_failure_complete', sql`(${t.lastAcceptFailure} IS NULL) = (${t.lastAcceptFailureAt} IS NULL)`),
    index('bids_task_created_idx').on(t.taskId, t.createdAt, t.id),
    index('bids_tasker_created_idx').on(t.taskerId, t.createdAt, t.id),
  ],
);

export type BidRow = typeof bids.$inferSelect;

/**
 * bids' own copy of the few task fields its rules need, fed by the tasks stream (bids never
 * reads the tasks schema). `last_event_at` orders updates: an older event never overwrites a
 * newer state. Budget is null only for a task known from a later event alone (cancelled, assigned…).
 */
export const taskReplica = bidsSchema.table(
  'task_replica',
  {
    taskId: uuid('task_id').primaryKey(),
    posterId: uuid('poster_id').notNull(),
    status: text('status').$type<TaskStatus>().notNull(),
    budgetMinor: bigint('budget_minor', { mode: 'number' }),
    currency: text('currency'),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }),
    lastEventAt: timestamp('last_event_at', { withTimezone: true, precision: 3 }).notNull(),
    /** An administrator hid the task (tasks.task.hidden): it takes no bids until unhidden. */
    hidden: boolean('hidden').notNull().default(false),
    /**
     * occurredAt of the last hide/unhide applied. Orders those events apart from `last_event_at`:
     * hiding is no step of the task's life, and must neither lose to nor beat a status change.
     */
    hiddenChangedAt: timestamp('hidden_changed_at', { withTimezone: true, precision: 3 }),
    /** The poster's account is suspended (users.user.suspended): tasks hides all their tasks, bids refuses bids on them. */
    posterSuspended: boolean('poster_suspended').notNull().default(false),
    /** occurredAt of the last suspension event applied, so a late redelivery cannot undo a newer one. */
    posterSuspendedChangedAt: timestamp('poster_suspended_changed_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    check('task_replica_status_known', sql`${t.status} IN (${sqlList(TASK_STATUSES)})`),
    check('task_replica_budget_complete', sql`(${t.budgetMinor} IS NULL) = (${t.currency} IS NULL)`),
    check('task_replica_budget_positive', sql`${t.budgetMinor} > 0`),
    check('task_replica_currency_code', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    // Every task that takes bids has a budget: its currency is the bids' currency.
    check('task_replica_open_has_budget', sql`${t.status} <> 'OPEN' OR ${t.budgetMinor} IS NOT NULL`),
    check('task_replica_hidden_dated', sql`NOT ${t.hidden} OR ${t.hiddenChangedAt} IS NOT NULL`),
    check('task_replica_suspension_dated', sql`NOT ${t.posterSuspended} OR ${t.posterSuspendedChangedAt} IS NOT NULL`),
    index('task_replica_poster_idx').on(t.posterId),
  ],
);

export type TaskReplicaRow = typeof taskReplica.$inferSelect;

/** Events bids publishes (transactional outbox) and the bookkeeping of the events it consumes. */
export const outbox = outboxTable(bidsSchema);
export const inbox = inboxTable(bidsSchema);
export const deadLetters = deadLetterTable(bidsSchema);
