import type { disputeDismissed, disputeOpened, EventEnvelope, PayloadOf } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { isFrozen, lockPayment, writePaymentDispute } from '../../db/payment-dispute-writes.js';

type DisputeEvent = EventEnvelope<PayloadOf<typeof disputeOpened> | PayloadOf<typeof disputeDismissed>>;

/**
 * tasks.dispute.opened / dismissed: freezes or unfreezes the disputed payment. Under the
 * payment's row lock, so a release or refund running at the same time either settled first
 * (the freeze then holds a resolved payment, harmlessly) or sees the freeze and retries.
 */
export async function markPaymentDispute(tx: Tx, event: DisputeEvent, status: 'OPEN' | 'DISMISSED', log: Logger): Promise<void> {
  const which = { paymentId: event.data.paymentId.toLowerCase(), taskId: event.data.taskId.toLowerCase() };
  const payment = await lockPayment(tx, which);
  // tasks opens disputes only on tasks assigned through a held payment: missing is a bug or a
  // lost row; retry, then dead-letter.
  if (!payment) throw new Error(`${event.type} for payment ${which.paymentId} of task ${which.taskId}, which wallet does not have`);
  await writePaymentDispute(tx, { disputeId: event.data.disputeId.toLowerCase(), paymentId: payment.id, status });
  log.info({ paymentId: payment.id, disputeId: event.data.disputeId, frozen: await isFrozen(tx, payment.id), paymentStatus: payment.status }, 'payment dispute recorded');
}

/** Release and refund call this on the payment they just resolved (inside their transaction). */
export async function assertNotFrozen(tx: Tx, paymentId: string): Promise<void> {
  // Throwing rolls the resolution back; the event is retried until the dispute is decided.
  if (await isFrozen(tx, paymentId)) throw new Error(`payment ${paymentId} is frozen by an open dispute; it cannot be released or refunded now`);
}
