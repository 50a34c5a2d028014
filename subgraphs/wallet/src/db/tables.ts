import { bigint, check, date, foreignKey, index, integer, jsonb, pgSchema, primaryKey, smallint, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { deadLetterTable, inboxTable, outboxTable } from '@sx/events';
import {
  IDEMPOTENT_OPERATIONS,
  KEY_PHASES,
  KEY_STATUSES,
  type IdempotentOperation,
  type KeyPhase,
  type KeyStatus,
  type RequestParams,
  type StoredResponse,
} from '../domain/idempotency.js';
import {
  ACCOUNT_KINDS,
  DECLINE_REASONS,
  HOT_ACCOUNT_SHARDS,
  PAYMENT_DISPUTE_STATUSES,
  PAYMENT_STATUSES,
  SHARDED_ACCOUNT_KINDS,
  TRANSFER_KINDS,
  type AccountKind,
  type DeclineReason,
  type PaymentDisputeStatus,
  type PaymentStatus,
  type TransferKind,
} from '../domain/ledger-kinds.js';
import { PAYOUT_STATUSES, type PayoutStatus, type RunTotal } from '../domain/payout-status.js';
import { PROVIDER_OPERATIONS, PROVIDER_STATUSES, type ProviderOperation, type ProviderStatus } from '../payment-provider/payment-provider.js';

export const walletSchema = pgSchema('wallet');

const sqlList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

// Millisecond timestamps: keyset cursors carry a JS Date, which would lose microseconds.
const createdAt = () => timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();

/**
 * Escrow payments for accepted bids: HELD, then exactly one of RELEASED, REFUNDED or SPLIT.
 * One HELD per task at a time (a withdrawal refunds the first before the task is paid again).
 */
export const payments = walletSchema.table(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id').notNull(),
    bidId: uuid('bid_id').notNull(),
    /** The task's poster, whose money is held. */
    payerId: uuid('payer_id').notNull(),
    /** The tasker whose bid was accepted. */
    payeeId: uuid('payee_id').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    /** The platform's fee, fixed when the payment is released (or split); null before and on refunds. */
    feeMinor: bigint('fee_minor', { mode: 'number' }),
    /** What an admin's split of a disputed payment gave back to the payer; set exactly on SPLIT. */
    refundMinor: bigint('refund_minor', { mode: 'number' }),
    currency: text('currency').notNull(),
    status: text('status').$type<PaymentStatus>().notNull().default('HELD'),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    // One unresolved hold per task: a task reopened by its assignee's withdrawal is paid for again.
    uniqueIndex('payments_task_held_unique').on(t.taskId).where(sql`${t.status} = 'HELD'`),
    index('payments_task_idx').on(t.taskId),
    uniqueIndex('payments_bid_unique').on(t.bidId),
    index('payments_payer_idx').on(t.payerId),
    index('payments_payee_idx').on(t.payeeId),
    check('payments_amount_positive', sql`${t.amountMinor} > 0`),
    check('payments_fee_within_amount', sql`${t.feeMinor} IS NULL OR (${t.feeMinor} >= 0 AND ${t.feeMinor} <= ${t.amountMinor})`),
    check(
      'payments_split_refund',
      sql`(${t.status} = 'SPLIT') = (${t.refundMinor} IS NOT NULL) AND (${t.refundMinor} IS NULL OR (${t.refundMinor} >= 0 AND ${t.refundMinor} + coalesce(${t.feeMinor}, 0) <= ${t.amountMinor}))`,
    ),
    check('payments_currency_code', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('payments_status_known', sql`${t.status} IN (${sqlList(PAYMENT_STATUSES)})`),
    check('payments_resolved_once', sql`(${t.status} = 'HELD') = (${t.resolvedAt} IS NULL)`),
    check('payments_payer_is_not_payee', sql`${t.payerId} <> ${t.payeeId}`),
  ],
);

/**
 * Ledger accounts. Balances are maintained in the same transaction as the transfers that move
 * them, so over all accounts of a currency they sum to zero (external goes negative on deposits).
 * One user account per owner and currency, one platform and one external account per currency,
 * and one escrow account per payment (its balance is that payment's held money, so it can be
 * checked to end at zero).
 */
export const accounts = walletSchema.table(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<AccountKind>().notNull(),
    /** The user for kind 'user'; null for the platform's own accounts. */
    ownerId: uuid('owner_id'),
    /** The payment whose money an escrow account holds; null for every other kind. */
    paymentId: uuid('payment_id'),
    currency: text('currency').notNull(),
    // bigint so sums never overflow; mode number is exact below 2^53 (amounts are capped far lower).
    balanceMinor: bigint('balance_minor', { mode: 'number' }).notNull().default(0),
    /** Which sub-account of a sharded platform account this is (HOT_ACCOUNT_SHARDS); 0 for every other kind. */
    shard: smallint('shard').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    check('accounts_kind_known', sql`${t.kind} IN (${sqlList(ACCOUNT_KINDS)})`),
    check('accounts_shard_in_range', sql`${t.shard} >= 0 AND ${t.shard} < ${sql.raw(String(HOT_ACCOUNT_SHARDS))}`),
    check('accounts_shard_only_platform', sql`${t.shard} = 0 OR ${t.kind} IN (${sqlList(SHARDED_ACCOUNT_KINDS)})`),
    foreignKey({ name: 'accounts_payment_fk', columns: [t.paymentId], foreignColumns: [payments.id] }),
    check('accounts_owner_only_for_users', sql`(${t.kind} = 'user') = (${t.ownerId} IS NOT NULL)`),
    check('accounts_payment_only_for_escrow', sql`(${t.kind} = 'escrow') = (${t.paymentId} IS NOT NULL)`),
    check('accounts_currency_code', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    // Only the outside world's mirror account goes negative (it has paid money in): a user can
    // never spend money they do not have, and money held for a bid has left their account.
    check('accounts_only_external_negative', sql`${t.kind} = 'external' OR ${t.balanceMinor} >= 0`),
    // NULLS NOT DISTINCT: the platform's owner-less accounts are unique per kind and currency too.
    unique('accounts_natural_key_unique').on(t.kind, t.ownerId, t.paymentId, t.currency, t.shard).nullsNotDistinct(),
    uniqueIndex('accounts_one_per_payment').on(t.paymentId),
  ],
);

/**
 * Holds wallet refused (bids.bid.accept_requested answered with wallet.escrow.declined), one per
 * request event: the refusal is remembered, so the same request can never later turn into a
 * hold, while a new request for the same bid (the poster paid in and accepted again) is
 * decided afresh.
 */
export const escrowDeclines = walletSchema.table(
  'escrow_declines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The id of the bids.bid.accept_requested event this answers. */
    requestEventId: uuid('request_event_id').notNull(),
    taskId: uuid('task_id').notNull(),
    bidId: uuid('bid_id').notNull(),
    payerId: uuid('payer_id').notNull(),
    payeeId: uuid('payee_id').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    reason: text('reason').$type<DeclineReason>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('escrow_declines_request_unique').on(t.requestEventId),
    index('escrow_declines_bid_idx').on(t.bidId),
    check('escrow_declines_amount_positive', sql`${t.amountMinor} > 0`),
    check('escrow_declines_currency_code', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('escrow_declines_reason_known', sql`${t.reason} IN (${sqlList(DECLINE_REASONS)})`),
  ],
);

/**
 * The ledger: money moves from the debit account to the credit account. Rows are never
 * updated or deleted (a trigger refuses it); corrections are new transfers.
 */
export const transfers = walletSchema.table(
  'transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    debitAccountId: uuid('debit_account_id').notNull(),
    creditAccountId: uuid('credit_account_id').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    kind: text('kind').$type<TransferKind>().notNull(),
    /** What caused it, unique so the same cause can never move money twice (e.g. `payment:<id>:hold`). */
    reference: text('reference'),
    /** Balances right after the transfer, for each side's history. */
    debitBalanceAfterMinor: bigint('debit_balance_after_minor', { mode: 'number' }),
    creditBalanceAfterMinor: bigint('credit_balance_after_minor', { mode: 'number' }),
    paymentId: uuid('payment_id'),
    taskId: uuid('task_id'),
    /** The sender's note on a send between users. */
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: 'transfers_debit_account_fk', columns: [t.debitAccountId], foreignColumns: [accounts.id] }),
    foreignKey({ name: 'transfers_credit_account_fk', columns: [t.creditAccountId], foreignColumns: [accounts.id] }),
    foreignKey({ name: 'transfers_payment_fk', columns: [t.paymentId], foreignColumns: [payments.id] }),
    check('transfers_amount_positive', sql`${t.amountMinor} > 0`),
    check('transfers_between_two_accounts', sql`${t.debitAccountId} <> ${t.creditAccountId}`),
    check('transfers_currency_code', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('transfers_kind_known', sql`${t.kind} IN (${sqlList(TRANSFER_KINDS)})`),
    uniqueIndex('transfers_reference_unique').on(t.reference),
    index('transfers_debit_history_idx').on(t.debitAccountId, t.createdAt, t.id),
    index('transfers_credit_history_idx').on(t.creditAccountId, t.createdAt, t.id),
  ],
);

/**
 * Idempotency keys of the money-moving mutations, per user (Stripe semantics). The row is
 * claimed in its own short transaction before any money moves; the transaction that moves the
 * money marks it done with the response, so a crash leaves either a finished key or an
 * unfinished one a retry can resume (see src/commands/ledger/idempotent-request.ts).
 */
export const idempotencyKeys = walletSchema.table(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    /** This use of the key: names the provider request and the transfers, so each happens once. */
    requestId: uuid('request_id').notNull().defaultRandom(),
    operation: text('operation').$type<IdempotentOperation>().notNull(),
    requestHash: text('request_hash').notNull(),
    /** The parsed input, so an abandoned request can be finished without its client. */
    params: jsonb('params').$type<RequestParams>().notNull(),
    status: text('status').$type<KeyStatus>().notNull().default('in_progress'),
    phase: text('phase').$type<KeyPhase>().notNull().default('claimed'),
    /** The transfer the request posted first (a withdrawal's debit), once it has. */
    transferId: uuid('transfer_id'),
    response: jsonb('response').$type<StoredResponse>(),
    /** Fencing token of the process running the request; a takeover replaces it. */
    lockToken: uuid('lock_token').notNull().defaultRandom(),
    /** Until then the running process owns the request; a duplicate gets CONFLICT. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'idempotency_keys_pk', columns: [t.userId, t.key] }),
    uniqueIndex('idempotency_keys_request_unique').on(t.requestId),
    index('idempotency_keys_expiry_idx').on(t.expiresAt),
    index('idempotency_keys_unfinished_idx').on(t.lockedUntil).where(sql`${t.status} = 'in_progress'`),
    check('idempotency_keys_key_length', sql`length(${t.key}) BETWEEN 1 AND 255`),
    check('idempotency_keys_operation_known', sql`${t.operation} IN (${sqlList(IDEMPOTENT_OPERATIONS)})`),
    check('idempotency_keys_status_known', sql`${t.status} IN (${sqlList(KEY_STATUSES)})`),
    check('idempotency_keys_phase_known', sql`${t.phase} IN (${sqlList(KEY_PHASES)})`),
    check('idempotency_keys_done_has_response', sql`(${t.status} = 'done') = (${t.response} IS NOT NULL)`),
    // Clients may retry for a day; a key that vanished sooner could move money twice.
    check('idempotency_keys_kept_a_day', sql`${t.expiresAt} >= ${t.createdAt} + interval '24 hours'`),
  ],
);

/**
 * What the local payment provider was asked to do: one row per charge (deposit) and payout
 * (withdrawal), deduplicated by the wallet's request id like a real provider's idempotency key.
 */
export const providerRequests = walletSchema.table(
  'provider_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    operation: text('operation').$type<ProviderOperation>().notNull(),
    /** The wallet's idempotency-key request id: asking twice returns the first outcome. */
    requestId: uuid('request_id').notNull(),
    userId: uuid('user_id').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    status: text('status').$type<ProviderStatus>().notNull(),
    declineReason: text('decline_reason'),
    /** Where a payout went (provider_destinations.id); null for charges and plain withdrawals. */
    destinationRef: uuid('destination_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('provider_requests_request_unique').on(t.operation, t.requestId),
    index('provider_requests_user_idx').on(t.userId, t.createdAt),
    check('provider_requests_operation_known', sql`${t.operation} IN (${sqlList(PROVIDER_OPERATIONS)})`),
    check('provider_requests_status_known', sql`${t.status} IN (${sqlList(PROVIDER_STATUSES)})`),
    check('provider_requests_amount_positive', sql`${t.amountMinor} > 0`),
    check('provider_requests_currency_code', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('provider_requests_declined_has_reason', sql`(${t.status} = 'declined') = (${t.declineReason} IS NOT NULL)`),
  ],
);

/**
 * The local payment provider's own record of bank accounts it can pay to (a real provider keeps
 * these on its side and hands back a reference): the full account number lives only here.
 */
export const providerDestinations = walletSchema.table(
  'provider_destinations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    holderName: text('holder_name').notNull(),
    accountNumber: text('account_number').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('provider_destinations_user_idx').on(t.userId), check('provider_destinations_iban_shape', sql`${t.accountNumber} ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'`)],
);

/** Where a tasker's daily payouts go: the provider's reference and what may be shown of the account. */
export const payoutDestinations = walletSchema.table('payout_destinations', {
  userId: uuid('user_id').primaryKey(),
  holderName: text('holder_name').notNull(),
  /** Country and last four characters only (`GB•••• 5432`): the wallet never needs the full number. */
  accountMask: text('account_mask').notNull(),
  providerRef: uuid('provider_ref').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** One pass of the daily payout job, as admins see it in `Query.payoutRuns`. */
export const payoutRuns = walletSchema.table(
  'payout_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The payout day (UTC) the run paid for. */
    day: date('day', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
    paidCount: integer('paid_count').notNull().default(0),
    failedCount: integer('failed_count').notNull().default(0),
    /** Payouts left waiting for the provider's answer (it did not answer); the next run finishes them. */
    pendingCount: integer('pending_count').notNull().default(0),
    /** What the run paid out, per currency. */
    totals: jsonb('totals').$type<RunTotal[]>().notNull().default([]),
  },
  (t) => [
    index('payout_runs_newest_idx').on(t.createdAt, t.id),
    check('payout_runs_counts_nonnegative', sql`${t.paidCount} >= 0 AND ${t.failedCount} >= 0 AND ${t.pendingCount} >= 0`),
  ],
);

/**
 * Daily payouts: at most one per (user, day, currency), whatever runs or instances race (the
 * unique key decides). The id is derived from that triple and is the provider's idempotency
 * key, so a payout resumed after a crash can never be paid twice.
 */
export const payouts = walletSchema.table(
  'payouts',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    currency: text('currency').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    /** The run that started it (a later run may finish it). */
    runId: uuid('run_id').notNull(),
    destinationRef: uuid('destination_ref').notNull(),
    /** The destination's shown form when the payout started, for the tasker's notification. */
    accountMask: text('account_mask').notNull(),
    /** The debit of the tasker's wallet, posted with the payout row. */
    transferId: uuid('transfer_id').notNull(),
    status: text('status').$type<PayoutStatus>().notNull().default('pending'),
    providerRef: text('provider_ref'),
    failureReason: text('failure_reason'),
    createdAt: createdAt(),
    settledAt: timestamp('settled_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('payouts_user_day_unique').on(t.userId, t.day, t.currency),
    index('payouts_pending_idx').on(t.createdAt).where(sql`${t.status} = 'pending'`),
    foreignKey({ name: 'payouts_run_fk', columns: [t.runId], foreignColumns: [payoutRuns.id] }),
    foreignKey({ name: 'payouts_transfer_fk', columns: [t.transferId], foreignColumns: [transfers.id] }),
    check('payouts_amount_positive', sql`${t.amountMinor} > 0`),
    check('payouts_currency_code', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('payouts_status_known', sql`${t.status} IN (${sqlList(PAYOUT_STATUSES)})`),
    check('payouts_settled_once', sql`(${t.status} = 'pending') = (${t.settledAt} IS NULL)`),
    check('payouts_failed_has_reason', sql`(${t.status} = 'failed') = (${t.failureReason} IS NOT NULL)`),
  ],
);

/**
 * The users wallet knows exist, fed by users.user.signed_up (consumer `wallet_from_users`):
 * money can only be sent to one of them.
 */
export const knownUsers = walletSchema.table('known_users', {
  userId: uuid('user_id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Events wallet publishes (transactional outbox) and the bookkeeping of the events it consumes. */
/**
 * Disputes of held payments as tasks reported them (tasks.dispute.*): a payment with an OPEN
 * dispute is frozen, so neither release nor refund may touch it. Keyed by dispute, written
 * whatever order the events arrive in (an `opened` after its `dismissed` changes nothing).
 */
export const paymentDisputes = walletSchema.table(
  'payment_disputes',
  {
    disputeId: uuid('dispute_id').primaryKey(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    status: text('status').$type<PaymentDisputeStatus>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('payment_disputes_status_known', sql`${t.status} IN (${sqlList(PAYMENT_DISPUTE_STATUSES)})`),
    index('payment_disputes_open_idx').on(t.paymentId).where(sql`${t.status} = 'OPEN'`),
  ],
);

export const outbox = outboxTable(walletSchema);
export const inbox = inboxTable(walletSchema);
export const deadLetters = deadLetterTable(walletSchema);

export type AccountRow = typeof accounts.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type TransferRow = typeof transfers.$inferSelect;
export type EscrowDeclineRow = typeof escrowDeclines.$inferSelect;
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
export type ProviderRequestRow = typeof providerRequests.$inferSelect;
export type PayoutRow = typeof payouts.$inferSelect;
export type PayoutRunRow = typeof payoutRuns.$inferSelect;
export type PayoutDestinationRow = typeof payoutDestinations.$inferSelect;
