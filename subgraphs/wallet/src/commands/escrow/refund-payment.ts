import type { Tx } from '@sx/runtime';
import { resolveHeldPayment, type PaymentSelector } from '../../db/payment-writes.js';
import type { RefundReason } from '../../domain/ledger-kinds.js';
import { recordPaymentRefunded, type SagaCause } from '../../events/escrow-events.js';
import { currencyOf, escrowOf, paymentReference, userWallet } from '../ledger/account-refs.js';
import { postTransfer } from '../ledger/post-transfer.js';
import { assertNotFrozen } from '../dispute/freeze-payment.js';
import { assertEscrowEmpty, unresolved, type SettleOutcome } from './settlement.js';

/**
 * Refunds a held payment (task cancelled while assigned, or assignment refused): HELD →
 * REFUNDED, escrow → poster (the whole amount), wallet.payment.refunded. The conditional update
 * decides a race with a release: the loser changes nothing.
 */
export async function refundPayment(tx: Tx, which: PaymentSelector, reason: RefundReason, cause: SagaCause): Promise<SettleOutcome> {
  const payment = await resolveHeldPayment(tx, which, { status: 'REFUNDED', feeMinor: null });
  if (!payment) return unresolved(tx, which, 'REFUNDED');
  await assertNotFrozen(tx, payment.id);
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
