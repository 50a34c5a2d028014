import { BadUserInput, Conflict, Forbidden, type Money } from '@sx/core';
import { describeTaskStatus, type TaskReplica } from './task-replica.js';

/**
 * The task has not reached bids yet: its `tasks.task.posted` event is still on its way (the
 * replica is eventually consistent). Retrying shortly succeeds; a task that stays unknown for
 * more than a few seconds does not exist.
 */
export class TaskNotYetKnown extends Conflict {
  constructor(taskId: string) {
    super('TASK_NOT_YET_KNOWN', `Task ${taskId} is not known to bidding yet (it may have been posted a moment ago); retry in a second or two.`, {
      retryable: true,
    });
  }
}

/** A tasker already has a standing bid on the task; they change that one instead. */
export class SecondActiveBid extends Conflict {
  constructor() {
    super('ACTIVE_BID_EXISTS', 'You already have a bid on this task; change it with updateBid, or withdraw it before placing a new one.');
  }
}

/** A task takes bids (new or changed) while it is OPEN and not past its deadline. */
export function assertTakesBids(task: TaskReplica, now: Date): void {
  if (task.status !== 'OPEN') {
    throw new Conflict('TASK_NOT_OPEN', `This task is ${describeTaskStatus(task.status)}; only open tasks take bids.`, { taskStatus: task.status });
  }
  if (task.dueAt && task.dueAt.getTime() <= now.getTime()) {
    throw new Conflict('TASK_DEADLINE_PASSED', `This task's deadline (${task.dueAt.toISOString()}) has passed; it no longer takes bids.`, { taskStatus: task.status });
  }
}

/** Bids are in the currency of the task's budget, so the poster compares like with like. */
export function assertTaskCurrency(task: TaskReplica, amount: Money): void {
  const currency = task.budget?.currency;
  // Only a cancelled tombstone lacks a budget, and assertTakesBids refuses those first.
  if (!currency) throw new Error(`replica of task ${task.taskId} (${task.status}) has no budget`);
  if (amount.currency !== currency) {
    throw new BadUserInput('BID_CURRENCY_MISMATCH', `amount.currency must be ${currency}, the currency of this task's budget (you sent ${amount.currency}).`);
  }
}

/** Whether `taskerId` may bid `amount` on `task` now; throws the reason when not. */
export function assertCanBid(task: TaskReplica, taskerId: string, amount: Money, now: Date): void {
  if (task.posterId === taskerId) throw new Forbidden('OWN_TASK', 'You cannot bid on a task you posted.');
  if (task.hidden) throw new Conflict('TASK_HIDDEN_BY_ADMIN', 'An administrator took this task out of the listings; it takes no bids.');
  assertTakesBids(task, now);
  assertTaskCurrency(task, amount);
}
