import type { disputeResolved, EventEnvelope, PayloadOf, taskCompleted } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { recordCompletedTask } from '../db/completed-task-queries.js';

interface Completion {
  taskId: string;
  posterId: string;
  assigneeId: string;
}

async function open(tx: Tx, completion: Completion, event: EventEnvelope<unknown>, log: Logger): Promise<void> {
  const { taskId, posterId, assigneeId } = completion;
  const isNew = await recordCompletedTask(tx, { taskId, posterId, assigneeId, completedAt: new Date(event.occurredAt) });
  if (isNew) log.info({ taskId, eventId: event.id }, 'task completed; reviews are open');
  else log.info({ taskId, eventId: event.id }, 'task already known as completed; event ignored');
}

/** tasks.task.completed: from now on the task's poster and assignee may review each other. */
export function openReviews(tx: Tx, event: EventEnvelope<PayloadOf<typeof taskCompleted>>, log: Logger): Promise<void> {
  return open(tx, event.data, event, log);
}

/**
 * tasks.dispute.resolved: a split that releases anything ends the task COMPLETED without a
 * tasks.task.completed (the escrow is settled by the split, not released), so reviews open here.
 * A split that refunds everything cancels the task: nothing was done to review.
 */
export async function openReviewsAfterSplit(tx: Tx, event: EventEnvelope<PayloadOf<typeof disputeResolved>>, log: Logger): Promise<void> {
  if (event.data.release.amountMinor === 0) return;
  await open(tx, event.data, event, log);
}
