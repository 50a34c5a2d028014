import {
  bidAccepted,
  bidPlaced,
  bidRejected,
  escrowHeld,
  moneySent,
  paymentRefunded,
  paymentReleased,
  reviewLeft,
  taskAssigned,
  taskCancelled,
  taskCompleted,
  taskDone,
  type EventConsumer,
} from '@sx/events';
import { notifyBidAccepted, notifyBidPlaced, notifyBidRejected } from '../commands/notify-from-bids.js';
import { notifyReviewLeft, notifyTaskAssigned, notifyTaskCancelled, notifyTaskCompleted, notifyTaskDone } from '../commands/notify-from-tasks.js';
import { notifyEscrowHeld, notifyMoneySent, notifyPaymentRefunded, notifyPaymentReleased } from '../commands/notify-from-wallet.js';

/** The durable consumer `notifications_from_tasks`. */
export function consumeTaskEvents(consumer: EventConsumer): EventConsumer {
  return consumer
    .on(taskAssigned, notifyTaskAssigned)
    .on(taskDone, notifyTaskDone)
    .on(taskCompleted, notifyTaskCompleted)
    .on(taskCancelled, notifyTaskCancelled);
}

/** The durable consumer `notifications_from_bids`. */
export function consumeBidEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(bidPlaced, notifyBidPlaced).on(bidAccepted, notifyBidAccepted).on(bidRejected, notifyBidRejected);
}

/** The durable consumer `notifications_from_wallet`. */
export function consumeWalletEvents(consumer: EventConsumer): EventConsumer {
  return consumer
    .on(escrowHeld, notifyEscrowHeld)
    .on(paymentReleased, notifyPaymentReleased)
    .on(paymentRefunded, notifyPaymentRefunded)
    .on(moneySent, notifyMoneySent);
}

/** The durable consumer `notifications_from_reviews`. */
export function consumeReviewEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(reviewLeft, notifyReviewLeft);
}
