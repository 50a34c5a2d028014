import type { EventEnvelope, PayloadOf, taskPosted } from '@sx/events';
import type { Tx } from '@sx/runtime';
import { rememberTaskPoster } from '../db/upload-queries.js';

/** tasks.task.posted: who may change the task's photos. A task's poster never changes. */
export async function replicateTaskPoster(tx: Tx, event: EventEnvelope<PayloadOf<typeof taskPosted>>): Promise<void> {
  await rememberTaskPoster(tx, { taskId: event.data.taskId, posterId: event.data.posterId });
}
