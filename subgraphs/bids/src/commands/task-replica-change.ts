import type { EventEnvelope } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { lockTaskReplica, writeTaskReplica } from '../db/task-replica-queries.js';
import { nextReplica, type TaskChange, type TaskReplica } from '../domain/task-replica.js';

/**
 * Applies a tasks event to the task's replica row under its lock (FOR UPDATE: bids' writers
 * wait, or are waited for); returns the row as it now stands. A stale event changes nothing.
 * Every reaction to a tasks event starts here, inside the consumer's transaction.
 */
export async function applyTaskChange(tx: Tx, change: TaskChange, event: EventEnvelope, log: Logger): Promise<TaskReplica | null> {
  const taskId = change.kind === 'state' ? change.task.taskId : change.taskId;
  const current = await lockTaskReplica(tx, taskId, 'update');
  const next = nextReplica(current, change);
  if (!next) {
    log.info({ taskId, eventId: event.id, type: event.type }, 'stale task event ignored');
    return current;
  }
  await writeTaskReplica(tx, next);
  return next;
}
