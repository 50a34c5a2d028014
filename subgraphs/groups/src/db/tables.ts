import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { deadLetterTable, inboxTable, outboxTable } from '@sx/events';

export const groupsSchema = pgSchema('groups');

// Millisecond precision: keyset cursors carry created_at as a JS Date.
const timestampMs = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** A household, flat share or team. */
export const groups = groupsSchema.table(
  'groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
  },
  (t) => [check('groups_name_length', sql`char_length(${t.name}) BETWEEN 1 AND 80`)],
);
export type GroupRow = typeof groups.$inferSelect;

/** Who belongs to which group; a row exists exactly while the user is a member. */
export const memberships = groupsSchema.table(
  'memberships',
  {
    groupId: uuid('group_id').notNull().references(() => groups.id),
    userId: uuid('user_id').notNull(),
    role: text('role', { enum: ['OWNER', 'MEMBER'] }).notNull(),
    joinedAt: timestampMs('joined_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    check('memberships_role', sql`${t.role} IN ('OWNER', 'MEMBER')`),
    // User.groups: a user's memberships in join order.
    index('memberships_user_idx').on(t.userId, t.joinedAt),
  ],
);
export type MembershipRow = typeof memberships.$inferSelect;

/** Invitations by email; whoever signs in with that address answers. */
export const invitations = groupsSchema.table(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id').notNull().references(() => groups.id),
    email: text('email').notNull(),
    invitedBy: uuid('invited_by').notNull(),
    status: text('status', { enum: ['PENDING', 'ACCEPTED', 'DECLINED'] }).notNull().default('PENDING'),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
    answeredAt: timestampMs('answered_at'),
  },
  (t) => [
    check('invitations_status', sql`${t.status} IN ('PENDING', 'ACCEPTED', 'DECLINED')`),
    check('invitations_email_lower', sql`${t.email} = lower(${t.email})`),
    // One pending invitation per address and group: inviting twice returns the first.
    uniqueIndex('invitations_pending_unique').on(t.groupId, t.email).where(sql`${t.status} = 'PENDING'`),
    index('invitations_email_idx').on(t.email, t.createdAt),
  ],
);
export type InvitationRow = typeof invitations.$inferSelect;

/** Replica of users' email addresses (from users.user.signed_up): groups never reads the users schema. */
export const knownUsers = groupsSchema.table('known_users', {
  userId: uuid('user_id').primaryKey(),
  email: text('email').notNull(),
});

/** Work posted to a group and assigned to a member; no bids, no money. */
export const groupTasks = groupsSchema.table(
  'group_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id').notNull().references(() => groups.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    posterId: uuid('poster_id').notNull(),
    assigneeId: uuid('assignee_id').notNull(),
    rewardPoints: integer('reward_points').notNull().default(0),
    dueAt: timestampMs('due_at'),
    status: text('status', { enum: ['ASSIGNED', 'DONE', 'COMPLETED', 'CANCELLED'] }).notNull().default('ASSIGNED'),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
    completedAt: timestampMs('completed_at'),
  },
  (t) => [
    check('group_tasks_status', sql`${t.status} IN ('ASSIGNED', 'DONE', 'COMPLETED', 'CANCELLED')`),
    check('group_tasks_reward_range', sql`${t.rewardPoints} BETWEEN 0 AND 10000`),
    check('group_tasks_title_length', sql`char_length(${t.title}) BETWEEN 1 AND 120`),
    index('group_tasks_group_idx').on(t.groupId, t.createdAt),
  ],
);
export type GroupTaskRow = typeof groupTasks.$inferSelect;

/**
 * The points ledger: append-only transfers (a trigger refuses UPDATE and DELETE), each one debit
 * of the group's issuing account (from_user_id NULL) and one credit of a member, so the sum over
 * all accounts is always zero. At most one award per task (the unique index), whatever redelivers.
 */
export const pointTransfers = groupsSchema.table(
  'point_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id').notNull().references(() => groups.id),
    fromUserId: uuid('from_user_id'),
    toUserId: uuid('to_user_id').notNull(),
    points: integer('points').notNull(),
    taskId: uuid('task_id').references(() => groupTasks.id),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('point_transfers_positive', sql`${t.points} > 0`),
    uniqueIndex('point_transfers_task_unique').on(t.taskId),
    index('point_transfers_group_idx').on(t.groupId, t.createdAt),
  ],
);

/** A shared cost paid by one member. */
export const expenses = groupsSchema.table(
  'expenses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id').notNull().references(() => groups.id),
    description: text('description').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    spentOn: date('spent_on', { mode: 'string' }).notNull(),
    payerId: uuid('payer_id').notNull(),
    splitMethod: text('split_method', { enum: ['EQUAL', 'SHARES', 'EXACT'] }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('expenses_amount_positive', sql`${t.amountMinor} > 0`),
    check('expenses_description_length', sql`char_length(${t.description}) BETWEEN 1 AND 200`),
    index('expenses_group_idx').on(t.groupId, t.createdAt),
  ],
);
export type ExpenseRow = typeof expenses.$inferSelect;

/** Each member's part of an expense, owed to its payer (the creditor). */
export const expenseShares = groupsSchema.table(
  'expense_shares',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    expenseId: uuid('expense_id').notNull().references(() => expenses.id),
    groupId: uuid('group_id').notNull().references(() => groups.id),
    debtorId: uuid('debtor_id').notNull(),
    creditorId: uuid('creditor_id').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    check('expense_shares_amount', sql`${t.amountMinor} >= 0`),
    uniqueIndex('expense_shares_member_unique').on(t.expenseId, t.debtorId),
    index('expense_shares_group_idx').on(t.groupId),
  ],
);
export type ExpenseShareRow = typeof expenseShares.$inferSelect;

/**
 * Payments between members that move balances back: a share paid (share_id set) or a settle-up
 * payment. IN_APP ones carry the wallet transfer they came from (once each).
 */
export const settlements = groupsSchema.table(
  'settlements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id').notNull().references(() => groups.id),
    fromUserId: uuid('from_user_id').notNull(),
    toUserId: uuid('to_user_id').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    shareId: uuid('share_id').references(() => expenseShares.id),
    method: text('method', { enum: ['IN_APP', 'OUTSIDE'] }).notNull(),
    walletTransactionId: uuid('wallet_transaction_id'),
    recordedBy: uuid('recorded_by'),
    createdAt: timestampMs('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('settlements_amount_positive', sql`${t.amountMinor} > 0`),
    check('settlements_two_members', sql`${t.fromUserId} <> ${t.toUserId}`),
    check('settlements_method', sql`${t.method} IN ('IN_APP', 'OUTSIDE')`),
    // A share is settled once; a wallet transfer counts once.
    uniqueIndex('settlements_share_unique').on(t.shareId),
    uniqueIndex('settlements_wallet_tx_unique').on(t.walletTransactionId),
    index('settlements_group_idx').on(t.groupId, t.createdAt),
  ],
);
export type SettlementRow = typeof settlements.$inferSelect;

/** Events groups publishes (transactional outbox) and the bookkeeping of the events it consumes. */
export const outbox = outboxTable(groupsSchema);
export const inbox = inboxTable(groupsSchema);
export const deadLetters = deadLetterTable(groupsSchema);
