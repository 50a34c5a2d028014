import type { EventHandler, PayloadOf, escrowHeld, paymentRefunded, paymentReleased, paymentSplit } from '@sx/events';
import { insertFact, insertHeldPayment, settlePayment, type HeldPayment } from '../db/read-model-writes.js';

type PaymentFields = PayloadOf<typeof escrowHeld>;

const heldPaymentOf = (data: PaymentFields, heldAt: Date): HeldPayment => ({
  paymentId: data.paymentId,
  taskId: data.taskId,
  payerId: data.payerId,
  payeeId: data.payeeId,
  currency: data.amount.currency,
  amountMinor: data.amount.amountMinor,
  heldAt,
});

/** wallet.escrow.held → the payment is held (escrow now) at its agreed price; the task counts as assigned. */
export const trackEscrowHeld: EventHandler<PaymentFields> = async (tx, event) => {
  const at = new Date(event.occurredAt);
  await insertHeldPayment(tx, heldPaymentOf(event.data, at));
  await insertFact(tx, { eventId: event.id, kind: 'TASK_ASSIGNED', occurredAt: at });
};

/** wallet.payment.released → fee earned, volume, the tasker's earnings. */
export const trackPaymentReleased: EventHandler<PayloadOf<typeof paymentReleased>> = async (tx, event) => {
  const at = new Date(event.occurredAt);
  await settlePayment(tx, {
    ...heldPaymentOf(event.data, at),
    state: 'RELEASED',
    feeMinor: event.data.fee.amountMinor,
    payoutMinor: event.data.payout.amountMinor,
    settledAt: at,
  });
};

/** wallet.payment.refunded → no longer in escrow, earned nothing. */
export const trackPaymentRefunded: EventHandler<PayloadOf<typeof paymentRefunded>> = async (tx, event) => {
  const at = new Date(event.occurredAt);
  await settlePayment(tx, { ...heldPaymentOf(event.data, at), state: 'REFUNDED', feeMinor: null, payoutMinor: null, settledAt: at });
};

/**
 * wallet.payment.split (a dispute settled by an admin) → out of escrow. With a release the fee
 * off it is earned, so it counts as RELEASED with that fee and payout (the replica keeps the agreed
 * price as the amount: topTasks ranks by it); a split that refunds everything earned nothing.
 */
export const trackPaymentSplit: EventHandler<PayloadOf<typeof paymentSplit>> = async (tx, event) => {
  const at = new Date(event.occurredAt);
  const held = heldPaymentOf(event.data, at);
  const released = event.data.payout.amountMinor + event.data.fee.amountMinor > 0;
  await settlePayment(
    tx,
    released
      ? { ...held, state: 'RELEASED', feeMinor: event.data.fee.amountMinor, payoutMinor: event.data.payout.amountMinor, settledAt: at }
      : { ...held, state: 'REFUNDED', feeMinor: null, payoutMinor: null, settledAt: at },
  );
};
