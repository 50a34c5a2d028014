import { bidPlaced, disputeOpened, escrowHeld, paymentRefunded, paymentReleased, paymentSplit, taskCancelled, taskCompleted, taskPosted, userSignedUp, type EventConsumer } from '@sx/events';
import { countFact } from '../commands/count-fact.js';
import { trackEscrowHeld, trackPaymentRefunded, trackPaymentReleased, trackPaymentSplit } from '../commands/track-payments.js';

/** `analytics_from_users`: sign-ups. */
export function consumeUserEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(userSignedUp, countFact('SIGN_UP'));
}

/** `analytics_from_tasks`: tasks posted, completed and cancelled; disputes opened. */
export function consumeTaskEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(taskPosted, countFact('TASK_POSTED')).on(taskCompleted, countFact('TASK_COMPLETED')).on(taskCancelled, countFact('TASK_CANCELLED'))
    .on(disputeOpened, countFact('DISPUTE_OPENED'));
}

/** `analytics_from_bids`: bids placed. */
export function consumeBidEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(bidPlaced, countFact('BID_PLACED'));
}

/** `analytics_from_wallet`: the escrow replica (held, released, refunded, split by a dispute). */
export function consumeWalletEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(escrowHeld, trackEscrowHeld).on(paymentReleased, trackPaymentReleased).on(paymentRefunded, trackPaymentRefunded).on(paymentSplit, trackPaymentSplit);
}
