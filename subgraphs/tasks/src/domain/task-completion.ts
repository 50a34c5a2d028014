import { Conflict, Forbidden } from '@sx/core';
import { disputeFreezes } from './dispute-rules.js';
import { transition, type TaskStatus } from './task-status.js';

/** What the rules about finishing a task need to know of it. */
export interface TaskParticipants {
  posterId: string;
  assigneeId: string | null;
  status: TaskStatus;
}

/** The assignee reports the work done: ASSIGNED → DONE. */
export function decideMarkDone(task: TaskParticipants, callerId: string): TaskStatus {
  if (task.assigneeId !== callerId) {
    throw new Forbidden('NOT_TASK_ASSIGNEE', 'Only the tasker this task is assigned to can mark it done.');
  }
  // DISPUTED → DONE is a dismissal's way back, not the assignee's.
  if (task.status === 'DISPUTED') throw disputeFreezes('marked done');
  return transition(task.status, 'DONE');
}

/** The poster confirms the work: DONE → COMPLETED, which releases the escrow to the assignee. */
export function decideConfirmCompletion(task: TaskParticipants, callerId: string): TaskStatus {
  if (task.posterId !== callerId) throw new Forbidden('NOT_TASK_POSTER', 'Only the person who posted this task can confirm its completion.');
  if (task.status === 'ASSIGNED') {
    throw new Conflict('TASK_NOT_DONE', 'The tasker has not marked this task done yet; it can be confirmed once they have.', { status: task.status });
  }
  if (task.status === 'DISPUTED') throw disputeFreezes('confirmed');
  return transition(task.status, 'COMPLETED');
}
