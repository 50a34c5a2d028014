import type { EventEnvelope, PayloadOf, taskPosted, taskUpdated } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import type { TaskChange } from '../domain/task-replica.js';
import { applyTaskChange } from './task-replica-change.js';

type TaskState = PayloadOf<typeof taskPosted> | PayloadOf<typeof taskUpdated>;

/** tasks.task.posted and tasks.task.updated carry the whole replicated state of the task. */
export async function replicateTaskState(tx: Tx, event: EventEnvelope<TaskState>, log: Logger): Promise<void> {
  const { taskId, posterId, status, budget, dueAt } = event.data;
  // Only OPEN tasks are posted or edited; bids does not follow disputes (no bid moves during one).
  if (status === 'DISPUTED') {
    log.warn({ taskId, eventId: event.id }, 'task state event with status DISPUTED ignored');
    return;
  }
  const change: TaskChange = {
    kind: 'state',
    occurredAt: new Date(event.occurredAt),
    task: { taskId, posterId, status, budget, dueAt: dueAt ? new Date(dueAt) : null },
  };
  await applyTaskChange(tx, change, event, log);
}
