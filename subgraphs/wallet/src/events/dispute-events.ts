import { appendEvent, paymentSplit, type Executor } from '@sx/events';
import type { PaymentRow } from '../db/tables.js';
import type { DisputeSettlement } from '../domain/dispute-split.js';
import type { SagaCause } from './escrow-events.js';
import { outbox } from '../db/tables.js';

/** Written in the transaction that split a disputed payment, after its transfers. */
export function recordPaymentSplit(tx: Executor, payment: PaymentRow, disputeId: string, split: DisputeSettlement, cause: SagaCause) {
  const money = (amountMinor: number) => ({ amountMinor, currency: payment.currency });
  const data = {
    paymentId: payment.id,
    taskId: payment.taskId,
    bidId: payment.bidId,
    payerId: payment.payerId,
    payeeId: payment.payeeId,
    amount: money(payment.amountMinor),
    disputeId,
    refund: money(split.refundMinor),
    payout: money(split.payoutMinor),
    fee: money(split.feeMinor ?? 0),
  };
  return appendEvent(tx, outbox, paymentSplit, data, { service: 'wallet', ...cause });
}
