import { type EventEnvelope, type PayloadOf, taskHidden, type taskUnhidden } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { lockTaskReplica, writeTaskHidden } from '../db/task-replica-queries.js';

/**
 * tasks.task.hidden / unhidden → the replica's hidden flag, which placeBid checks. The row lock
 * (FOR UPDATE; placeBid holds FOR SHARE) means a bid either committed before the hiding or sees it.
 */
export async function replicateTaskHidden(tx: Tx, event: EventEnvelope<PayloadOf<typeof taskHidden> | PayloadOf<typeof taskUnhidden>>, log: Logger): Promise<void> {
  const { taskId } = event.data;
  const hidden = event.type === taskHidden.type;
  // The posted event comes first on the task's stream; without its row the flag has nowhere to
  // go, and dropping it could leave a hidden task open to bids. Throwing retries it (then dead-letters).
  if (!(await lockTaskReplica(tx, taskId, 'update'))) throw new Error(`task ${taskId} is not in the replica yet; its ${event.type} waits for it`);
  const written = await writeTaskHidden(tx, { taskId, hidden, changedAt: new Date(event.occurredAt) });
  if (!written) log.info({ taskId, eventId: event.id, type: event.type }, 'stale hide/unhide event ignored');
}
