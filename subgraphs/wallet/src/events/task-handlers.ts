import { disputeDismissed, disputeOpened, disputeResolved, type EventConsumer, taskAssignmentRefused, taskCancelled, taskCompleted, taskWithdrawn } from '@sx/events';
import { markPaymentDispute } from '../commands/dispute/freeze-payment.js';
import { settleDispute } from '../commands/dispute/settle-dispute.js';
import { refundWithdrawnTask } from '../commands/refund-withdrawn-task.js';
import { refundCancelledTask } from '../commands/refund-cancelled-task.js';
import { refundRefusedAssignment } from '../commands/refund-refused-assignment.js';
import { releaseEscrow } from '../commands/release-escrow.js';

export interface TaskHandlerOptions {
  /** PLATFORM_FEE_BPS: the platform's share of a released payment. */
  feeBps: number;
}

/** The durable consumer `wallet_from_tasks`: the saga steps that release, refund, freeze or split the money. */
export function consumeTaskEvents(consumer: EventConsumer, opts: TaskHandlerOptions): EventConsumer {
  return consumer
    .on(taskCompleted, async (tx, event, log) => {
      await releaseEscrow(tx, event, { feeBps: opts.feeBps, log });
    })
    .on(taskCancelled, async (tx, event, log) => {
      await refundCancelledTask(tx, event, log);
    })
    .on(taskAssignmentRefused, async (tx, event, log) => {
      await refundRefusedAssignment(tx, event, log);
    })
    // Disputes and withdrawal (issue 17).
    .on(taskWithdrawn, async (tx, event, log) => {
      await refundWithdrawnTask(tx, event, log);
    })
    .on(disputeOpened, (tx, event, log) => markPaymentDispute(tx, event, 'OPEN', log))
    .on(disputeDismissed, (tx, event, log) => markPaymentDispute(tx, event, 'DISMISSED', log))
    .on(disputeResolved, async (tx, event, log) => {
      await settleDispute(tx, event, { feeBps: opts.feeBps, log });
    });
}
