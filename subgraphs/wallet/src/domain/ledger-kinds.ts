/** Kinds of ledger account; the database holds the same list as a CHECK constraint. */
export const ACCOUNT_KINDS = ['user', 'escrow', 'platform', 'external'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/**
 * The platform's own accounts (its revenue, the outside world's mirror) are each split into
 * this many sub-accounts, one picked at random per transfer: every deposit, payout and fee
 * would otherwise queue on one row lock. Their balance is the sum over the shards; the ledger
 * still sums to zero, since every shard is an account like any other. Users' wallets and
 * escrow accounts have one shard (0).
 */
export const HOT_ACCOUNT_SHARDS = 16;
export const SHARDED_ACCOUNT_KINDS = ['platform', 'external'] as const satisfies readonly AccountKind[];

/**
 * Why money moved. Money always moves from the debit account to the credit account:
 * deposit external→user, withdrawal user→external, send user→user, escrow_hold user (payer)→
 * escrow, escrow_release escrow→user (payee: the amount minus the fee), escrow_refund
 * escrow→user (payer), fee escrow→platform, withdrawal_reversal external→user (the provider
 * refused a payout: the money comes back), dispute_refund escrow→user (payer: an admin's split
 * of a disputed payment), dispute_release escrow→user (payee: the released part minus the fee).
 */
export const TRANSFER_KINDS = [
  'deposit',
  'withdrawal',
  'send',
  'escrow_hold',
  'escrow_release',
  'escrow_refund',
  'fee',
  'withdrawal_reversal',
  'dispute_refund',
  'dispute_release',
] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/**
 * An escrow payment is HELD, then exactly one of RELEASED, REFUNDED or SPLIT (an admin divided
 * a disputed payment between both sides; `refund_minor` went back, the rest was released).
 */
export const PAYMENT_STATUSES = ['HELD', 'RELEASED', 'REFUNDED', 'SPLIT'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Why a hold was refused (the catalogue's wallet.escrow.declined reasons). */
export const DECLINE_REASONS = ['INSUFFICIENT_FUNDS', 'CURRENCY_MISMATCH'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** Why a held payment went back to its payer (the catalogue's wallet.payment.refunded reasons). */
export type RefundReason = 'TASK_CANCELLED' | 'ASSIGNMENT_REFUSED' | 'TASK_WITHDRAWN';

/** Where a dispute is, as wallet learnt it from tasks' events: an OPEN one freezes its payment. */
export const PAYMENT_DISPUTE_STATUSES = ['OPEN', 'RESOLVED', 'DISMISSED'] as const;
export type PaymentDisputeStatus = (typeof PAYMENT_DISPUTE_STATUSES)[number];
