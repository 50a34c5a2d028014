import type { Task } from '../db/task-columns.js';
import { writeTaskStatus } from '../db/task-status-writes.js';
import type { TasksDeps } from '../deps.js';
import { decideConfirmCompletion } from '../domain/task-completion.js';
import { recordTaskCompleted } from '../events/task-saga-events.js';
import { inLockedTask, type TaskActionCommand } from './locked-task.js';

/** The poster confirms the work (DONE → COMPLETED); tasks.task.completed makes wallet release the escrow. */
export function confirmTaskCompletion(deps: TasksDeps, command: TaskActionCommand): Promise<Task> {
  const { caller, taskId } = command;
  return inLockedTask(deps, taskId, async (tx, current) => {
    const completed = await writeTaskStatus(tx, { task: current, to: decideConfirmCompletion(current, caller.userId) });
    await recordTaskCompleted(tx, completed, 'POSTER', { actor: caller.actor });
    return completed;
  });
}
