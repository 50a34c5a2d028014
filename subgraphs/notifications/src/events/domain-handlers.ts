import {
  accountEmailRequested,
  bidAccepted,
  bidPlaced,
  bidRejected,
  disputeDismissed,
  disputeMessageAdded,
  disputeOpened,
  disputeResolved,
  escrowHeld,
  groupExpenseAdded,
  groupInvitationSent,
  groupShareSettled,
  groupTaskAssigned,
  groupTaskCompleted,
  moneySent,
  paymentRefunded,
  paymentReleased,
  payoutFailed,
  payoutPaid,
  questionAnswered,
  questionAsked,
  reviewLeft,
  taskAssigned,
  taskCancelled,
  taskCompleted,
  taskDone,
  taskPosted,
  taskUpdated,
  taskWithdrawn,
  userSignedUp,
  type EventConsumer,
} from '@sx/events';
import { notifyDisputeDismissed, notifyDisputeMessage, notifyDisputeOpened, notifyDisputeResolved, notifyTaskWithdrawn } from '../commands/notify-from-disputes.js';
import { notifyQuestionAnswered, notifyQuestionAsked } from '../commands/notify-from-questions.js';
import { notifyBidAccepted, notifyBidAcceptedStep, notifyBidPlaced, notifyBidPlacedStep, notifyBidRejected, notifyBidRejectedStep } from '../commands/notify-from-bids.js';
import { notifyReviewLeft, notifyTaskAssigned, notifyTaskCancelled, notifyTaskCompleted, notifyTaskDone } from '../commands/notify-from-tasks.js';
import { notifyExpenseAdded, notifyGroupInvitation, notifyGroupTaskAssigned, notifyShareSettled, untrackGroupTask } from '../commands/notify-from-groups.js';
import {
  notifyEscrowHeld,
  notifyEscrowHeldStep,
  notifyMoneySent,
  notifyMoneySentStep,
  notifyPaymentRefunded,
  notifyPaymentRefundedStep,
  notifyPaymentReleased,
  notifyPaymentReleasedStep,
  notifyPayoutFailed,
  notifyPayoutPaid,
} from '../commands/notify-from-wallet.js';
import { queueAccountEmail } from '../commands/queue-account-email.js';
import { rememberRecipient } from '../commands/remember-recipient.js';
import type { NotifySettings } from '../commands/store-notifications.js';
import { trackPostedTask, trackUpdatedTask } from '../commands/track-tasks.js';

/** The durable consumer `notifications_from_tasks`. */
export function consumeTaskEvents(consumer: EventConsumer, s: NotifySettings): EventConsumer {
  return consumer
    .on(taskPosted, trackPostedTask)
    .on(taskUpdated, trackUpdatedTask)
    .on(taskAssigned, notifyTaskAssigned(s))
    .on(taskDone, notifyTaskDone(s))
    .on(taskCompleted, notifyTaskCompleted(s))
    .on(taskCancelled, notifyTaskCancelled(s))
    // Disputes and withdrawal (issue 17).
    .on(disputeOpened, notifyDisputeOpened(s))
    .on(disputeMessageAdded, notifyDisputeMessage(s))
    .on(disputeResolved, notifyDisputeResolved(s))
    .on(disputeDismissed, notifyDisputeDismissed(s))
    .on(taskWithdrawn, notifyTaskWithdrawn(s))
    .on(questionAsked, notifyQuestionAsked(s))
    .on(questionAnswered, notifyQuestionAnswered(s));
}

/** The durable consumer `notifications_from_bids`. */
export function consumeBidEvents(consumer: EventConsumer, s: NotifySettings): EventConsumer {
  // Reactions whose drafts come from the event alone also have a one-write step (two statements).
  return consumer
    .on(bidPlaced, notifyBidPlaced(s), { step: notifyBidPlacedStep(s) })
    .on(bidAccepted, notifyBidAccepted(s), { step: notifyBidAcceptedStep(s) })
    .on(bidRejected, notifyBidRejected(s), { step: notifyBidRejectedStep(s) });
}

/** The durable consumer `notifications_from_wallet`. */
export function consumeWalletEvents(consumer: EventConsumer, s: NotifySettings): EventConsumer {
  return consumer
    .on(escrowHeld, notifyEscrowHeld(s), { step: notifyEscrowHeldStep(s) })
    .on(paymentReleased, notifyPaymentReleased(s), { step: notifyPaymentReleasedStep(s) })
    .on(paymentRefunded, notifyPaymentRefunded(s), { step: notifyPaymentRefundedStep(s) })
    .on(moneySent, notifyMoneySent(s), { step: notifyMoneySentStep(s) })
    .on(payoutPaid, notifyPayoutPaid(s))
    .on(payoutFailed, notifyPayoutFailed(s));
}

/** The durable consumer `notifications_from_reviews`. */
export function consumeReviewEvents(consumer: EventConsumer, s: NotifySettings): EventConsumer {
  return consumer.on(reviewLeft, notifyReviewLeft(s));
}

/** The durable consumer `notifications_from_users`: the replica of addresses, and the account emails users asks for. */
export function consumeUserEvents(consumer: EventConsumer, s: NotifySettings): EventConsumer {
  return consumer.on(userSignedUp, rememberRecipient).on(accountEmailRequested, queueAccountEmail(s));
}

/** The durable consumer `notifications_from_groups`: invitations, chores (and their reminders), expenses and payments in groups. */
export function consumeGroupEvents(consumer: EventConsumer, s: NotifySettings): EventConsumer {
  return consumer
    .on(groupInvitationSent, notifyGroupInvitation(s))
    .on(groupTaskAssigned, notifyGroupTaskAssigned(s))
    .on(groupTaskCompleted, untrackGroupTask)
    .on(groupExpenseAdded, notifyExpenseAdded(s))
    .on(groupShareSettled, notifyShareSettled(s));
}
