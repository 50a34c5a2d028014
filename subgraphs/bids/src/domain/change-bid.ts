import { Conflict, Forbidden } from '@sx/core';
import type { BidPatch } from './bid-draft.js';
import type { BidStatus } from './bid-status.js';
import { assertTakesBids, assertTaskCurrency, TaskNotYetKnown } from './place-bid.js';
import type { TaskReplica } from './task-replica.js';

/** What the rules about changing a bid need to know of it. */
export interface BidAccess {
  taskId: string;
  taskerId: string;
  status: BidStatus;
}

const STATUS_WORDS: Readonly<Record<BidStatus, string>> = {
  PENDING: 'pending',
  ACCEPTING: 'being accepted',
  ACCEPTED: 'accepted',
  REJECTED: 'rejected',
  WITHDRAWN: 'withdrawn',
};

/** Only the tasker who placed a bid changes it, and only while the poster has not decided. */
function assertAuthorOfPendingBid(bid: BidAccess, callerId: string, action: 'change' | 'withdraw'): void {
  if (bid.taskerId !== callerId) throw new Forbidden('NOT_BID_OWNER', `Only the tasker who placed this bid can ${action} it.`);
  if (bid.status !== 'PENDING') {
    const done = action === 'change' ? 'changed' : 'withdrawn';
    throw new Conflict('BID_NOT_PENDING', `This bid is ${STATUS_WORDS[bid.status]}; only pending bids can be ${done}.`, { status: bid.status });
  }
}

/** A pending bid's amount or message can change while its task still takes bids. */
export function assertCanUpdateBid(bid: BidAccess, task: TaskReplica | null, callerId: string, patch: BidPatch, now: Date): void {
  assertAuthorOfPendingBid(bid, callerId, 'change');
  if (!task) throw new TaskNotYetKnown(bid.taskId);
  assertTakesBids(task, now);
  if (patch.amount) assertTaskCurrency(task, patch.amount);
}

/** A pending bid can always be taken back by its tasker, whatever its task's state. */
export function assertCanWithdrawBid(bid: BidAccess, callerId: string): void {
  assertAuthorOfPendingBid(bid, callerId, 'withdraw');
}
