import { openAndLockAccounts } from '../db/account-writes.js';
import { findPayment, resolveHeldPayment, type PaymentSelector } from '../db/payment-writes.js';
import type { PaymentRow } from '../db/tables.js';
import type { Tx } from '@sx/runtime';
import { explainUnresolved, type Unresolved } from '../domain/escrow-rules.js';
import { assertInvariant } from '../domain/invariant.js';
import type { RefundReason } from '../domain/ledger-kinds.js';
import { splitPayment } from '../domain/platform-fee.js';
import { recordPaymentRefunded, recordPaymentReleased, type SagaCause } from '../events/escrow-events.js';
import { currencyOf, escrowOf, paymentReference, platformRevenue } from './escrow-accounts.js';
import { postTransfer, type PostedTransfer } from './post-transfer.js';
import { userWallet } from './wallet-operation.js';

export type SettleOutcome =
  | { kind: 'released' | 'refunded'; payment: PaymentRow }
  /** Nothing changed: no such payment, resolved this way before, or the other way won. */
  | { kind: 'unresolved'; why: Unresolved; payment: PaymentRow | null };

/**
 * Releases a task's held payment (tasks.task.completed): HELD → RELEASED with the fee fixed,
 * escrow → tasker (amount − fee), escrow → platform (fee), wallet.payment.released. The
 * conditional update decides a race with a refund: the loser changes nothing.
 */
export async function releaseEscrow(tx: Tx, which: PaymentSelector, feeBps: number, cause: SagaCause): Promise<SettleOutcome> {
  const current = await findPayment(tx, which);
  if (!current) return { kind: 'unresolved', why: 'missing', payment: null };
  // The amount never changes, so the fee can be computed before the row is locked.
  const split = splitPayment(current.amountMinor, feeBps);
  const payment = await resolveHeldPayment(tx, which, { status: 'RELEASED', feeMinor: split.feeMinor });
  if (!payment) return unresolved(tx, which, 'RELEASED');

  const currency = currencyOf(payment);
  const escrow = escrowOf(payment);
  const payee = userWallet(payment.payeeId, currency);
  // All three accounts at once, in id order, rather than the fee's platform lock last.
  await openAndLockAccounts(tx, [escrow, payee, platformRevenue(currency)]);
  const common = { currency, paymentId: payment.id, taskId: payment.taskId };
  let last: PostedTransfer = await postTransfer(tx, {
    ...common,
    kind: 'escrow_release',
    debit: escrow,
    credit: payee,
    amountMinor: split.payoutMinor,
    reference: paymentReference(payment.id, 'release'),
  });
  if (split.feeMinor > 0) {
    last = await postTransfer(tx, {
      ...common,
      kind: 'fee',
      debit: escrow,
      credit: platformRevenue(currency),
      amountMinor: split.feeMinor,
      reference: paymentReference(payment.id, 'fee'),
    });
  }
  assertEscrowEmpty(payment, last);
  await recordPaymentReleased(tx, payment, split, cause);
  return { kind: 'released', payment };
}

/**
 * Refunds a held payment (task cancelled while assigned, or assignment refused): HELD →
 * REFUNDED, escrow → poster (the whole amount), wallet.payment.refunded.
 */
export async function refundEscrow(tx: Tx, which: PaymentSelector, reason: RefundReason, cause: SagaCause): Promise<SettleOutcome> {
  const payment = await resolveHeldPayment(tx, which, { status: 'REFUNDED', feeMinor: null });
  if (!payment) return unresolved(tx, which, 'REFUNDED');
  const posted = await postTransfer(tx, {
    kind: 'escrow_refund',
    debit: escrowOf(payment),
    credit: userWallet(payment.payerId, currencyOf(payment)),
    amountMinor: payment.amountMinor,
    currency: currencyOf(payment),
    reference: paymentReference(payment.id, 'refund'),
    paymentId: payment.id,
    taskId: payment.taskId,
  });
  assertEscrowEmpty(payment, posted);
  await recordPaymentRefunded(tx, payment, reason, cause);
  return { kind: 'refunded', payment };
}

async function unresolved(tx: Tx, which: PaymentSelector, wanted: 'RELEASED' | 'REFUNDED'): Promise<SettleOutcome> {
  const payment = await findPayment(tx, which);
  return { kind: 'unresolved', why: explainUnresolved(payment?.status ?? null, wanted), payment };
}

/** A resolved payment leaves nothing behind in its escrow account. */
function assertEscrowEmpty(payment: PaymentRow, last: PostedTransfer): void {
  assertInvariant(last.debit.kind === 'escrow' && last.debit.paymentId === payment.id, `last transfer of payment ${payment.id} is not from its escrow`);
  assertInvariant(last.debit.balanceMinor === 0, `escrow of payment ${payment.id} keeps ${last.debit.balanceMinor} after it was resolved`);
}
