import { type EventConsumer, taskAssignmentRefused, taskCancelled, taskCompleted } from '@sx/events';
import { refundCancelledTask } from '../commands/refund-cancelled-task.js';
import { refundRefusedAssignment } from '../commands/refund-refused-assignment.js';
import { releaseEscrow } from '../commands/release-escrow.js';

export interface TaskHandlerOptions {
  /** PLATFORM_FEE_BPS: the platform's share of a released payment. */
  feeBps: number;
}

/** The durable consumer `wallet_from_tasks`: the saga steps that release or refund the money. */
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
    });
}
