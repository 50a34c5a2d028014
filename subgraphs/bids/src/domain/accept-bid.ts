import { Conflict, Forbidden } from '@sx/core';
import type { BidStatus } from './bid-status.js';
import { TaskNotYetKnown } from './place-bid.js';
import { describeTaskStatus, type TaskReplica } from './task-replica.js';

/**
 * A bid in one of these holds its task: the poster chose it. At most one bid of a task is in
 * one at a time (the partial unique index `bids_one_accepted_per_task` holds the same rule).
 */
export const ACCEPTANCE_STATUSES = ['ACCEPTING', 'ACCEPTED'] as const satisfies readonly BidStatus[];

/** Why wallet could not hold a bid's amount in escrow (wallet.escrow.declined). */
export const ACCEPT_FAILURE_REASONS = ['INSUFFICIENT_FUNDS', 'CURRENCY_MISMATCH'] as const;
export type AcceptFailureReason = (typeof ACCEPT_FAILURE_REASONS)[number];

/** What the acceptance rules need to know of the bid (read under its row lock). */
export interface AcceptableBid {
  id: string;
  taskId: string;
  status: BidStatus;
  currency: string;
}

/** The other bid of the task that is being or was accepted, if any. */
export interface ChosenBid {
  id: string;
  status: BidStatus;
}

const BID_STATUS_WORDS: Readonly<Record<BidStatus, string>> = {
  PENDING: 'pending',
  ACCEPTING: 'already being accepted',
  ACCEPTED: 'already accepted',
  REJECTED: 'rejected',
  WITHDRAWN: 'withdrawn',
};

/**
 * Whether `callerId` may accept `bid` now; throws the reason when not. Only the task's poster
 * accepts; the bid must be PENDING, the task OPEN, no other bid of it chosen, and the bid in
 * the currency of the task's budget (the budget may have changed currency since the bid).
 */
export function assertCanAcceptBid(args: { bid: AcceptableBid; task: TaskReplica | null; callerId: string; chosen: ChosenBid | null }): void {
  const { bid, task, callerId, chosen } = args;
  if (!task) throw new TaskNotYetKnown(bid.taskId);
  if (task.posterId !== callerId) throw new Forbidden('NOT_TASK_POSTER', 'Only the poster of the task can accept a bid on it.');
  if (bid.status !== 'PENDING') {
    throw new Conflict('BID_NOT_PENDING', `This bid is ${BID_STATUS_WORDS[bid.status]}; only pending bids can be accepted.`, { status: bid.status });
  }
  if (task.status !== 'OPEN') {
    throw new Conflict('TASK_NOT_OPEN', `This task is ${describeTaskStatus(task.status)}; bids can be accepted only on open tasks.`, { taskStatus: task.status });
  }
  if (chosen) {
    throw new Conflict(
      'ANOTHER_BID_CHOSEN',
      chosen.status === 'ACCEPTING'
        ? 'Another bid on this task is being accepted; wait for its payment to be held or declined.'
        : 'Another bid on this task was already accepted.',
      { otherBidId: chosen.id },
    );
  }
  const budgetCurrency = task.budget?.currency;
  if (budgetCurrency && bid.currency !== budgetCurrency) {
    throw new Conflict(
      'CURRENCY_CHANGED',
      `This bid is in ${bid.currency} but the task's budget is now in ${budgetCurrency}; the tasker must update the bid to ${budgetCurrency} before it can be accepted.`,
    );
  }
}
