import type { Task } from '../db/task-columns.js';
import { insertWithdrawal } from '../db/dispute-writes.js';
import { writeTaskStatus } from '../db/task-status-writes.js';
import type { TasksDeps } from '../deps.js';
import { decideWithdraw } from '../domain/dispute-rules.js';
import { recordTaskWithdrawn } from '../events/dispute-events.js';
import { inLockedTask, type TaskActionCommand } from './locked-task.js';

/**
 * The assignee gives an ASSIGNED task back: it reopens (OPEN, no assignee) and takes bids again;
 * the withdrawal is counted on the tasker's profile; tasks.task.withdrawn makes wallet refund the
 * poster and bids mark the accepted bid WITHDRAWN (bids rejected before stay rejected).
 */
export function withdrawFromTask(deps: TasksDeps, command: TaskActionCommand): Promise<Task> {
  const { caller, taskId } = command;
  return inLockedTask(deps, taskId, async (tx, current) => {
    const reopened = await writeTaskStatus(tx, { task: current, to: decideWithdraw(current, caller.userId) });
    if (!current.bidId || !current.paymentId) throw new Error(`task ${current.id} was assigned without its bid and payment`);
    await insertWithdrawal(tx, { taskId: current.id, taskerId: caller.userId, bidId: current.bidId, paymentId: current.paymentId });
    await recordTaskWithdrawn(tx, current, caller.actor);
    return reopened;
  });
}
