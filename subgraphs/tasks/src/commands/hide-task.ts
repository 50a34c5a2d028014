import type { Task } from '../db/task-columns.js';
import { writeTaskHidden } from '../db/moderation-writes.js';
import type { TasksDeps } from '../deps.js';
import { recordTaskHidden, recordTaskUnhidden } from '../events/moderation-events.js';
import { inLockedTask, type TaskActionCommand } from './locked-task.js';

/** hideTask / unhideTask: an administrator (checked by the resolver) acting on one task. */
export interface ModerationCommand extends TaskActionCommand {
  requestId: string | null;
}

/** Takes the task out of the listings; hiding a hidden task changes nothing (and is not audited again). */
export function hideTask(deps: TasksDeps, command: ModerationCommand & { reason: string }): Promise<Task> {
  return inLockedTask(deps, command.taskId, async (tx, current) => {
    if (current.hiddenAt !== null) return current;
    const hidden = await writeTaskHidden(tx, { taskId: current.id, reason: command.reason });
    await recordTaskHidden(tx, hidden, { reason: command.reason, requestId: command.requestId, actor: command.caller.actor });
    return hidden;
  });
}

/** Brings a hidden task back; a task that is not hidden stays as it is. */
export function unhideTask(deps: TasksDeps, command: ModerationCommand): Promise<Task> {
  return inLockedTask(deps, command.taskId, async (tx, current) => {
    if (current.hiddenAt === null) return current;
    const shown = await writeTaskHidden(tx, { taskId: current.id, reason: null });
    await recordTaskUnhidden(tx, shown, { requestId: command.requestId, actor: command.caller.actor });
    return shown;
  });
}
