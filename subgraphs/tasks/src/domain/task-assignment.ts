import type { TaskStatus } from './task-status.js';

/** What deciding an assignment needs to know of the task (read under its row lock). */
export interface AssignableTask {
  posterId: string;
  status: TaskStatus;
  paymentId: string | null;
}

/** The escrow hold that asks for the assignment (wallet.escrow.held). */
export interface HeldPayment {
  paymentId: string;
  payerId: string;
}

/**
 * assign: the task is OPEN, the payee becomes its assignee.
 * already: this very payment assigned the task before (a redelivery); nothing to do, whatever
 *   happened to the task since — a later cancel refunds through tasks.task.cancelled, and
 *   refusing now would ask for that refund twice.
 * refuse: the task moved on (cancelled, or assigned through another payment): the hold must be
 *   refunded.
 */
export type AssignmentDecision = 'assign' | 'already' | 'refuse';

export function decideAssignment(task: AssignableTask, payment: HeldPayment): AssignmentDecision {
  if (task.paymentId === payment.paymentId) return 'already';
  // Only the task's poster pays for it; anything else is a bug upstream that must fail loudly
  // (the event is retried, then dead-lettered) rather than assign or refund on a stranger's money.
  if (payment.payerId !== task.posterId) {
    throw new Error(`payment ${payment.paymentId} was paid by ${payment.payerId}, not by the task's poster ${task.posterId}`);
  }
  return task.status === 'OPEN' ? 'assign' : 'refuse';
}
