import { isUuid, NotFound } from '@sx/core';
import type { Tx } from '@sx/runtime';
import type { DisputeRow } from '../db/dispute-tables.js';
import { findDispute } from '../db/dispute-writes.js';
import type { Task } from '../db/task-columns.js';
import type { TasksDeps } from '../deps.js';
import { inLockedTask } from './locked-task.js';

function disputeNotFound(id: string): NotFound {
  return new NotFound('DISPUTE_NOT_FOUND', `There is no dispute with id "${id}".`);
}

/**
 * Runs `work` on a dispute and its task, under the task's row lock (the lock every step of the
 * task takes first), so a message, a decision and the task's own steps never interleave.
 */
export async function inLockedDispute<T>(deps: TasksDeps, disputeId: string, work: (tx: Tx, task: Task, dispute: DisputeRow) => Promise<T>): Promise<T> {
  if (!isUuid(disputeId)) throw disputeNotFound(disputeId);
  const found = await deps.db.transaction((tx) => findDispute(tx, disputeId));
  if (!found) throw disputeNotFound(disputeId);
  return inLockedTask(deps, found.taskId, async (tx, task) => {
    // Read again under the lock: the status may have changed since.
    const dispute = await findDispute(tx, disputeId);
    if (!dispute) throw disputeNotFound(disputeId);
    return work(tx, task, dispute);
  });
}
