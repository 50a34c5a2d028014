import { BadUserInput, Conflict, Forbidden } from '@sx/core';
import { transition, type TaskStatus } from './task-status.js';

// The rules of disputes and withdrawal (issue 17) over plain data: who may act, from which
// status, and what an admin's decision must add up to.

export const DISPUTE_STATUSES = ['OPEN', 'RESOLVED', 'DISMISSED'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const DISPUTE_REASONS = ['WORK_NOT_DONE', 'POOR_QUALITY', 'NOT_AS_DESCRIBED', 'NO_SHOW', 'OTHER'] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

/** DISPUTE_DETAILS_MAX / DISPUTE_MESSAGE_MAX: characters of the opening details and of one message. */
export const DISPUTE_DETAILS_MAX = 5000;
export const DISPUTE_MESSAGE_MAX = 2000;

/** What the dispute rules need to know of a task. */
export interface DisputedTask {
  posterId: string;
  assigneeId: string | null;
  status: TaskStatus;
}

/** The refusal every money step gets while a dispute is open. */
export function disputeFreezes(action: string): Conflict {
  return new Conflict('TASK_DISPUTED', `This task has an open dispute, so it cannot be ${action} until an admin decides it.`, { status: 'DISPUTED' });
}

/** The poster and the assignee are the dispute's parties; nobody else may open or follow it. */
export function isParty(task: DisputedTask, userId: string): boolean {
  return task.posterId === userId || task.assigneeId === userId;
}

/** Either party opens a dispute on an ASSIGNED or DONE task (before the money is released). */
export function decideOpenDispute(task: DisputedTask, callerId: string): TaskStatus {
  if (!isParty(task, callerId)) throw new Forbidden('NOT_TASK_PARTY', "Only the task's poster and its assigned tasker can open a dispute on it.");
  if (task.status === 'DISPUTED') throw new Conflict('TASK_DISPUTED', 'This task already has an open dispute; add a message to it instead.', { status: task.status });
  if (task.status !== 'ASSIGNED' && task.status !== 'DONE') {
    throw new Conflict('TASK_NOT_DISPUTABLE', 'Only an assigned task, or one marked done and not yet paid out, can be disputed.', { status: task.status });
  }
  return transition(task.status, 'DISPUTED');
}

/** The parties and admins write in an open dispute. */
export function assertCanWrite(task: DisputedTask, dispute: { status: DisputeStatus }, caller: { userId: string; isAdmin: boolean }): void {
  if (!caller.isAdmin && !isParty(task, caller.userId)) throw new Forbidden('NOT_TASK_PARTY', "Only the task's poster, its assigned tasker and admins can write in its dispute.");
  assertOpen(dispute);
}

export function assertOpen(dispute: { status: DisputeStatus }): void {
  if (dispute.status !== 'OPEN') throw new Conflict('DISPUTE_CLOSED', `This dispute was already ${dispute.status.toLowerCase()}.`, { status: dispute.status });
}

/** What an admin decided: dismiss, or split the held amount. */
export type DisputeDecision = { kind: 'dismiss' } | { kind: 'split'; refundMinor: number; releaseMinor: number; currency: string };

/** The held money a split must add up to. */
export interface HeldAmount {
  amountMinor: number;
  currency: string;
}

/**
 * A split must add up to the held amount exactly, in its currency, with no negative side. The
 * task ends COMPLETED when the tasker gets anything, CANCELLED when the poster gets it all.
 */
export function decideSplit(held: HeldAmount, decision: Extract<DisputeDecision, { kind: 'split' }>): TaskStatus {
  const { refundMinor, releaseMinor, currency } = decision;
  const fits =
    currency.toUpperCase() === held.currency && Number.isSafeInteger(refundMinor) && Number.isSafeInteger(releaseMinor) && refundMinor >= 0 && releaseMinor >= 0;
  if (!fits || refundMinor + releaseMinor !== held.amountMinor) {
    throw new BadUserInput(
      'DISPUTE_SPLIT_MISMATCH',
      `refundAmount + releaseAmount must add up to the held ${held.amountMinor} (minor units) ${held.currency}, each at least zero.`,
      { held: { amountMinor: held.amountMinor, currency: held.currency } },
    );
  }
  return releaseMinor > 0 ? 'COMPLETED' : 'CANCELLED';
}

/** The assignee withdraws from an ASSIGNED task: it goes back to OPEN and the poster is refunded. */
export function decideWithdraw(task: DisputedTask, callerId: string): TaskStatus {
  if (task.assigneeId !== callerId) throw new Forbidden('NOT_TASK_ASSIGNEE', 'Only the tasker this task is assigned to can withdraw from it.');
  if (task.status === 'DISPUTED') throw disputeFreezes('withdrawn from');
  if (task.status !== 'ASSIGNED') {
    throw new Conflict('TASK_STATUS_CONFLICT', 'You can withdraw only while the task is assigned, before you mark it done.', { status: task.status });
  }
  return transition(task.status, 'OPEN');
}
