import type { Task } from '../db/task-columns.js';
import { writeTaskStatus } from '../db/task-status-writes.js';
import type { TasksDeps } from '../deps.js';
import { decideMarkDone } from '../domain/task-completion.js';
import { recordTaskDone } from '../events/task-saga-events.js';
import { inLockedTask, type TaskActionCommand } from './locked-task.js';

/** The assignee reports the work done (ASSIGNED → DONE); the auto-release clock starts. */
export function markTaskDone(deps: TasksDeps, command: TaskActionCommand): Promise<Task> {
  const { caller, taskId } = command;
  return inLockedTask(deps, taskId, async (tx, current) => {
    const done = await writeTaskStatus(tx, { task: current, to: decideMarkDone(current, caller.userId) });
    await recordTaskDone(tx, done, { actor: caller.actor });
    return done;
  });
}
