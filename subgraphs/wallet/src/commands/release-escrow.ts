import type { EventEnvelope, PayloadOf, taskCompleted } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { openAndLockAccounts } from '../db/account-writes.js';
import { findPayment, resolveHeldPayment, type PaymentSelector } from '../db/payment-writes.js';
import { splitPayment } from '../domain/platform-fee.js';
import { causeOf, recordPaymentReleased, type SagaCause } from '../events/escrow-events.js';
import { assertNotFrozen } from './dispute/freeze-payment.js';
import { assertEscrowEmpty, reportSettlement, unresolved, type SettleOutcome } from './escrow/settlement.js';
import { currencyOf, escrowOf, paymentReference, platformRevenue, userWallet } from './ledger/account-refs.js';
import { postTransfer, type PostedTransfer } from './ledger/post-transfer.js';

export type TaskCompleted = EventEnvelope<PayloadOf<typeof taskCompleted>>;

/**
 * tasks.task.completed: the tasker is paid from escrow, minus the platform's fee (`feeBps`,
 * PLATFORM_FEE_BPS). Runs in the consumer's transaction with the inbox row.
 */
export async function releaseEscrow(tx: Tx, event: TaskCompleted, opts: { feeBps: number; log: Logger }): Promise<SettleOutcome> {
  // Stored uuids are lower case; the ledger compares them as text.
  const taskId = event.data.taskId.toLowerCase();
  return reportSettlement(await releasePayment(tx, { taskId }, opts.feeBps, causeOf(event)), event, taskId, opts.log);
}

/**
 * HELD → RELEASED with the fee fixed, escrow → tasker (amount − fee), escrow → platform (fee),
 * wallet.payment.released. The conditional update decides a race with a refund: the loser
 * changes nothing.
 */
async function releasePayment(tx: Tx, which: PaymentSelector, feeBps: number, cause: SagaCause): Promise<SettleOutcome> {
  const current = await findPayment(tx, which);
  if (!current) return { kind: 'unresolved', why: 'missing', payment: null };
  // The amount never changes, so the fee can be computed before the row is locked.
  const split = splitPayment(current.amountMinor, feeBps);
  const payment = await resolveHeldPayment(tx, which, { status: 'RELEASED', feeMinor: split.feeMinor });
  if (!payment) return unresolved(tx, which, 'RELEASED');
  await assertNotFrozen(tx, payment.id);

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
