import { type EventConsumer, taskAssigned, taskCancelled, taskCompleted, taskDone, taskHidden, taskPosted, taskUnhidden, taskUpdated, taskWithdrawn } from '@sx/events';
import { acceptAssignedBid, acceptAssignedBidStep } from '../commands/accept-assigned-bid.js';
import { reopenWithdrawnTask } from '../commands/reopen-withdrawn-task.js';
import { rejectBidsOfCancelledTask } from '../commands/reject-bids-of-cancelled-task.js';
import { replicateTaskHidden } from '../commands/replicate-task-hidden.js';
import { replicateTaskProgress } from '../commands/replicate-task-progress.js';
import { replicateTaskState } from '../commands/replicate-task-state.js';

/**
 * The durable consumer `bids_from_tasks`: the task replica (hidden flag included) and the saga's
 * assignment step (in one statement with its inbox row when it can, else the general way).
 */
export function consumeTaskEvents(consumer: EventConsumer): EventConsumer {
  return consumer
    .on(taskPosted, replicateTaskState)
    .on(taskUpdated, replicateTaskState)
    .on(taskCancelled, rejectBidsOfCancelledTask)
    .on(taskAssigned, acceptAssignedBid, { step: acceptAssignedBidStep })
    .on(taskDone, replicateTaskProgress)
    .on(taskCompleted, replicateTaskProgress)
    .on(taskWithdrawn, reopenWithdrawnTask)
    .on(taskHidden, replicateTaskHidden)
    .on(taskUnhidden, replicateTaskHidden);
}
