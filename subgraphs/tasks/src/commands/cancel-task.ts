import type { Task } from '../db/task-columns.js';
import { writeTaskStatus } from '../db/task-status-writes.js';
import type { TasksDeps } from '../deps.js';
import { decideCancel } from '../domain/task-ownership.js';
import { recordTaskCancelled } from '../events/task-events.js';
import { inLockedTask, type TaskActionCommand } from './locked-task.js';

/**
 * The poster withdraws the task. For an ASSIGNED task, tasks.task.cancelled (previousStatus
 * ASSIGNED) makes wallet refund the escrow and bids reject what is still undecided.
 */
export function cancelTask(deps: TasksDeps, command: TaskActionCommand): Promise<Task> {
  const { caller, taskId } = command;
  return inLockedTask(deps, taskId, async (tx, current) => {
    const cancelled = await writeTaskStatus(tx, { task: current, to: decideCancel(current, caller.userId) });
    await recordTaskCancelled(tx, cancelled, current.status, caller.actor);
    return cancelled;
  });
}
