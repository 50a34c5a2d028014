import type { EventEnvelope, PayloadOf, taskHidden, taskPosted, taskUnhidden } from '@sx/events';
import type { Tx } from '@sx/runtime';
import { setTaskHidden } from '../db/replica-queries.js';
import { rememberTaskPoster } from '../db/upload-queries.js';

/** tasks.task.posted: who may change the task's photos. A task's poster never changes. */
export async function replicateTaskPoster(tx: Tx, event: EventEnvelope<PayloadOf<typeof taskPosted>>): Promise<void> {
  await rememberTaskPoster(tx, { taskId: event.data.taskId, posterId: event.data.posterId });
}

/** tasks.task.hidden: download URLs minted for ordinary viewers of its photos stop working. */
export async function replicateTaskHidden(tx: Tx, event: EventEnvelope<PayloadOf<typeof taskHidden>>): Promise<void> {
  await setTaskHidden(tx, { taskId: event.data.taskId, posterId: event.data.posterId, hiddenAt: new Date(event.occurredAt) });
}

/** tasks.task.unhidden: the task's photos are everyone's to see again. */
export async function replicateTaskUnhidden(tx: Tx, event: EventEnvelope<PayloadOf<typeof taskUnhidden>>): Promise<void> {
  await setTaskHidden(tx, { taskId: event.data.taskId, posterId: event.data.posterId, hiddenAt: null });
}
