import { Conflict, Forbidden } from '@sx/core';
import { disputeFreezes } from './dispute-rules.js';
import { describeStatus, transition, type TaskStatus } from './task-status.js';

/** What the rules about changing a task need to know of it. */
export interface TaskAccess {
  posterId: string;
  status: TaskStatus;
}

function assertPoster(task: TaskAccess, callerId: string, action: string): void {
  if (task.posterId !== callerId) throw new Forbidden('NOT_TASK_POSTER', `Only the person who posted this task can ${action} it.`);
}

/** A task can be edited by its poster while it is still taking bids. */
export function assertCanEdit(task: TaskAccess, callerId: string): void {
  assertPoster(task, callerId, 'edit');
  if (task.status !== 'OPEN') {
    throw new Conflict('TASK_NOT_OPEN', `This task is ${describeStatus(task.status)}; only open tasks can be edited.`, { status: task.status });
  }
}

/**
 * The status a poster's cancel moves the task to, or why it cannot be cancelled. An ASSIGNED
 * task may be cancelled: tasks.task.cancelled (previousStatus ASSIGNED) makes wallet refund the
 * escrow. Once the work is marked done the money may only be released.
 */
export function decideCancel(task: TaskAccess, callerId: string): TaskStatus {
  assertPoster(task, callerId, 'cancel');
  if (task.status === 'DONE') {
    throw new Conflict(
      'TASK_ALREADY_DONE',
      'The tasker has marked this task done, so it can no longer be cancelled; confirm its completion, or open a dispute (openDispute) if the work is not right.',
      { status: task.status },
    );
  }
  if (task.status === 'DISPUTED') throw disputeFreezes('cancelled');
  return transition(task.status, 'CANCELLED');
}
