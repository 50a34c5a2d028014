import type { Caller } from '@sx/events';
import type { Task } from '../db/task-columns.js';
import { writeTaskPatch } from '../db/task-writes.js';
import type { TasksDeps } from '../deps.js';
import { assertCanEdit } from '../domain/task-ownership.js';
import type { TaskPatch } from '../domain/task-patch.js';
import { recordTaskUpdated } from '../events/task-events.js';
import { inLockedTask } from './locked-task.js';

export interface UpdateTaskCommand {
  caller: Caller;
  taskId: string;
  patch: TaskPatch;
}

/** The poster edits an OPEN task; tasks.task.updated carries the new replicated state. */
export function updateTask(deps: TasksDeps, command: UpdateTaskCommand): Promise<Task> {
  const { caller, taskId, patch } = command;
  return inLockedTask(deps, taskId, async (tx, current) => {
    assertCanEdit(current, caller.userId);
    const updated = await writeTaskPatch(tx, current, patch);
    await recordTaskUpdated(tx, updated, caller.actor);
    return updated;
  });
}
