import { taskCompleted, type EventConsumer, type EventEnvelope, type PayloadOf } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { recordCompletedTask } from '../db/completed-task-queries.js';

/** The task is COMPLETED: from now on its poster and assignee may review each other. */
export async function onTaskCompleted(tx: Tx, event: EventEnvelope<PayloadOf<typeof taskCompleted>>, log: Logger): Promise<void> {
  const { taskId, posterId, assigneeId } = event.data;
  const isNew = await recordCompletedTask(tx, { taskId, posterId, assigneeId, completedAt: new Date(event.occurredAt) });
  if (isNew) log.info({ taskId, eventId: event.id }, 'task completed; reviews are open');
  else log.info({ taskId, eventId: event.id }, 'task already known as completed; event ignored');
}

/** The durable consumer `reviews_from_tasks` that keeps the replica of completed tasks. */
export function consumeTaskEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(taskCompleted, onTaskCompleted);
}
