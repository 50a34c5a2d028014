import type { disputeResolved, EventEnvelope, PayloadOf } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { openAndLockAccounts } from '../../db/account-writes.js';
import { writePaymentDispute } from '../../db/payment-dispute-writes.js';
import { findPayment, resolveHeldPayment } from '../../db/payment-writes.js';
import type { PaymentRow } from '../../db/tables.js';
import { disputeOutcome, type DisputeSettlement } from '../../domain/dispute-split.js';
import { recordPaymentSplit } from '../../events/dispute-events.js';
import { causeOf } from '../../events/escrow-events.js';
import { assertEscrowEmpty, reportSettlement, unresolved, type SettleOutcome } from '../escrow/settlement.js';
import { currencyOf, escrowOf, paymentReference, platformRevenue, userWallet } from '../ledger/account-refs.js';
import { postTransfer, type PostedTransfer } from '../ledger/post-transfer.js';

export type DisputeResolved = EventEnvelope<PayloadOf<typeof disputeResolved>>;

/**
 * tasks.dispute.resolved: the admin's split. HELD → SPLIT (or REFUNDED / RELEASED when one side
 * got it all), escrow → poster (dispute_refund), escrow → tasker (dispute_release, the released
 * part minus the fee) and escrow → platform (fee, on the released part only). The conditional
 * update makes it the payment's one resolution. Runs in the consumer's transaction.
 */
export async function settleDispute(tx: Tx, event: DisputeResolved, opts: { feeBps: number; log: Logger }): Promise<SettleOutcome> {
  const which = { paymentId: event.data.paymentId.toLowerCase(), taskId: event.data.taskId.toLowerCase() };
  const current = await findPayment(tx, which);
  if (!current) return reportSettlement({ kind: 'unresolved', why: 'missing', payment: null }, event, which.taskId, opts.log);
  await writePaymentDispute(tx, { disputeId: event.data.disputeId.toLowerCase(), paymentId: current.id, status: 'RESOLVED' });
  const split = disputeOutcome(current, { refundMinor: event.data.refund.amountMinor, releaseMinor: event.data.release.amountMinor }, opts.feeBps);
  const payment = await resolveHeldPayment(tx, which, { status: split.status, feeMinor: split.feeMinor, ...(split.status === 'SPLIT' ? { refundMinor: split.refundMinor } : {}) });
  if (!payment) return reportSettlement(await unresolved(tx, which, split.status), event, which.taskId, opts.log);
  await moveSplit(tx, payment, split);
  await recordPaymentSplit(tx, payment, event.data.disputeId, split, causeOf(event));
  return reportSettlement({ kind: split.status === 'REFUNDED' ? 'refunded' : 'released', payment }, event, which.taskId, opts.log);
}

/** The transfers of a split, every one from the payment's escrow, which ends empty. */
async function moveSplit(tx: Tx, payment: PaymentRow, split: DisputeSettlement): Promise<void> {
  const currency = currencyOf(payment);
  const escrow = escrowOf(payment);
  const payer = userWallet(payment.payerId, currency);
  const payee = userWallet(payment.payeeId, currency);
  const platform = platformRevenue(currency);
  await openAndLockAccounts(tx, [escrow, payer, payee, platform]);
  const common = { currency, paymentId: payment.id, taskId: payment.taskId };
  const legs = [
    { kind: 'dispute_refund', credit: payer, amountMinor: split.refundMinor, step: 'refund' },
    { kind: 'dispute_release', credit: payee, amountMinor: split.payoutMinor, step: 'release' },
    { kind: 'fee', credit: platform, amountMinor: split.feeMinor ?? 0, step: 'fee' },
  ] as const;
  let last: PostedTransfer | null = null;
  for (const leg of legs) {
    if (leg.amountMinor === 0) continue;
    last = await postTransfer(tx, { ...common, kind: leg.kind, debit: escrow, credit: leg.credit, amountMinor: leg.amountMinor, reference: paymentReference(payment.id, leg.step) });
  }
  if (!last) throw new Error(`dispute split of payment ${payment.id} moved nothing`);
  assertEscrowEmpty(payment, last);
}
