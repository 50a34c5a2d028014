import type { EventEnvelope, PayloadOf, taskCompleted } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { recordCompletedTask } from '../db/completed-task-queries.js';

/** tasks.task.completed: from now on the task's poster and assignee may review each other. */
export async function openReviews(tx: Tx, event: EventEnvelope<PayloadOf<typeof taskCompleted>>, log: Logger): Promise<void> {
  const { taskId, posterId, assigneeId } = event.data;
  const isNew = await recordCompletedTask(tx, { taskId, posterId, assigneeId, completedAt: new Date(event.occurredAt) });
  if (isNew) log.info({ taskId, eventId: event.id }, 'task completed; reviews are open');
  else log.info({ taskId, eventId: event.id }, 'task already known as completed; event ignored');
}
