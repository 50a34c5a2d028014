import { sql } from 'drizzle-orm';
import { deadLetterTable, inboxTable, outboxTable } from '@sx/events';
import { boolean, check, customType, doublePrecision, index, integer, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { TASK_CATEGORIES } from '../domain/task-category.js';
import { TASK_STATUSES } from '../domain/task-status.js';

export const tasksSchema = pgSchema('tasks');

export const taskStatus = tasksSchema.enum('task_status', TASK_STATUSES);
export const taskCategory = tasksSchema.enum('task_category', TASK_CATEGORIES);

/** Full-text document; written by Postgres only (generated column). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

// Millisecond precision: keyset cursors carry created_at as a JS Date (ms), and a microsecond
// remainder in the column would make the cursor comparison skip rows.
const timestampMs = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** One task a poster wants done. */
export const tasks = tasksSchema.table(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    posterId: uuid('poster_id').notNull(),
    assigneeId: uuid('assignee_id'),
    // The accepted bid and the escrow payment that assigned the task (payment saga): a
    // redelivered wallet.escrow.held for the same payment is recognised by paymentId.
    bidId: uuid('bid_id'),
    paymentId: uuid('payment_id'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: taskCategory('category').notNull(),
    budgetAmountMinor: integer('budget_amount_minor').notNull(),
    budgetCurrency: text('budget_currency').notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    address: text('address'),
    dueAt: timestampMs('due_at'),
    status: taskStatus('status').notNull().default('OPEN'),
    // Title words weigh more than description words, for a later ranking.
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(sql`setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "description"), 'B')`),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
    updatedAt: timestampMs('updated_at').notNull().defaultNow(),
    /** When the assignee marked the work done; the auto-release clock starts here. */
    doneAt: timestampMs('done_at'),
    completedAt: timestampMs('completed_at'),
    /** Set while an administrator has the task hidden from the listings (hideTask). */
    hiddenAt: timestampMs('hidden_at'),
    hiddenReason: text('hidden_reason'),
    /** The replica of the poster's suspension (users.user.suspended / unsuspended): out of the listings while true. */
    posterSuspended: boolean('poster_suspended').notNull().default(false),
  },
  (t) => [
    // The same limits the domain checks, so a bug fails loudly instead of storing bad data.
    check('tasks_title_length', sql`char_length(${t.title}) BETWEEN 3 AND 120`),
    check('tasks_description_length', sql`char_length(${t.description}) <= 5000`),
    check('tasks_budget_positive', sql`${t.budgetAmountMinor} > 0 AND ${t.budgetAmountMinor} <= 1000000000`),
    check('tasks_budget_currency', sql`${t.budgetCurrency} IN ('USD', 'EUR', 'GBP')`),
    check('tasks_location_complete', sql`(${t.lat} IS NULL) = (${t.lng} IS NULL) AND (${t.address} IS NULL OR ${t.lat} IS NOT NULL)`),
    check('tasks_lat_range', sql`${t.lat} BETWEEN -90 AND 90`),
    check('tasks_lng_range', sql`${t.lng} BETWEEN -180 AND 180`),
    check(
      'tasks_assignee_matches_status',
      sql`(${t.status} = 'OPEN' AND ${t.assigneeId} IS NULL) OR ${t.status} = 'CANCELLED' OR ${t.assigneeId} IS NOT NULL`,
    ),
    // Assignment always comes with its payment (and a task is never assigned before it is paid).
    check('tasks_assignment_paid', sql`(${t.assigneeId} IS NULL) = (${t.paymentId} IS NULL) AND (${t.paymentId} IS NULL) = (${t.bidId} IS NULL)`),
    // DONE cannot be cancelled, so done_at is set exactly on DONE and COMPLETED tasks.
    check('tasks_done_at_matches_status', sql`(${t.doneAt} IS NOT NULL) = (${t.status} IN ('DONE', 'COMPLETED'))`),
    check('tasks_hidden_whole', sql`(${t.hiddenAt} IS NULL) = (${t.hiddenReason} IS NULL)`),
    check('tasks_completed_at_matches_status', sql`(${t.completedAt} IS NOT NULL) = (${t.status} = 'COMPLETED')`),
    // One payment assigns at most one task.
    uniqueIndex('tasks_payment_idx').on(t.paymentId),
    // What the auto-release job scans: DONE tasks by age.
    index('tasks_done_at_idx').on(t.doneAt).where(sql`${t.status} = 'DONE'`),
    index('tasks_created_idx').on(t.createdAt, t.id),
    index('tasks_poster_created_idx').on(t.posterId, t.createdAt, t.id),
    index('tasks_assignee_created_idx').on(t.assigneeId, t.createdAt, t.id),
    index('tasks_status_created_idx').on(t.status, t.createdAt, t.id),
    index('tasks_search_idx').using('gin', t.search),
    // earthdistance (migration 0000): `earth_box(...) @> ll_to_earth(lat, lng)` searches this index.
    index('tasks_location_idx').using('gist', sql`ll_to_earth(${t.lat}, ${t.lng})`),
  ],
);

export type TaskRow = typeof tasks.$inferSelect;

/** Events tasks publishes (transactional outbox) and the bookkeeping of the events it consumes. */
export const outbox = outboxTable(tasksSchema);
export const inbox = inboxTable(tasksSchema);
export const deadLetters = deadLetterTable(tasksSchema);
