import type { Tx } from '@sx/runtime';
import { isUuid, NotFound } from '@sx/core';
import type { Caller } from '@sx/events';
import type { Task } from '../db/task-columns.js';
import { lockTask } from '../db/task-writes.js';
import type { TasksDeps } from '../deps.js';

/** A caller acting on one existing task (cancel, mark done, confirm). */
export interface TaskActionCommand {
  caller: Caller;
  taskId: string;
}

function taskNotFound(id: string): NotFound {
  return new NotFound('TASK_NOT_FOUND', `There is no task with id "${id}".`);
}

/**
 * Opens the command's transaction and takes the task's row lock before anything else, so the
 * rule checked on the row still holds when the change is written (two edits, or an edit and an
 * assignment, cannot interleave). Unknown and malformed ids are NOT_FOUND.
 */
export async function inLockedTask<T>(deps: TasksDeps, taskId: string, work: (tx: Tx, task: Task) => Promise<T>): Promise<T> {
  if (!isUuid(taskId)) throw taskNotFound(taskId);
  return deps.db.transaction(async (tx) => {
    const task = await lockTask(tx, taskId);
    if (!task) throw taskNotFound(taskId);
    return work(tx, task);
  });
}
