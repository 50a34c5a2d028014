import type { Tx } from '@sx/runtime';
import { isUuid, NotFound } from '@sx/core';
import type { Caller } from '@sx/events';
import type { BidRow } from '../db/tables.js';
import { lockBid } from '../db/bid-writes.js';
import type { BidsDeps } from '../deps.js';
import type { TaskReplica } from '../domain/task-replica.js';

/** A caller acting on one existing bid (withdraw, accept). */
export interface BidActionCommand {
  caller: Caller;
  bidId: string;
}

function bidNotFound(id: string): NotFound {
  return new NotFound('BID_NOT_FOUND', `There is no bid with id "${id}".`);
}

/**
 * Opens the command's transaction holding the bid's row lock, with its task's replica locked
 * first (`replicaLock`: FOR SHARE for the bid's own writes, FOR UPDATE for acceptBid) — the order
 * every writer of bids uses, so none can deadlock another. Unknown and malformed ids are NOT_FOUND.
 */
export async function inLockedBid<T>(
  deps: BidsDeps,
  bidId: string,
  work: (tx: Tx, bid: BidRow, task: TaskReplica | null) => Promise<T>,
  replicaLock: 'share' | 'update' = 'share',
): Promise<T> {
  if (!isUuid(bidId)) throw bidNotFound(bidId);
  return deps.db.transaction(async (tx) => {
    const locked = await lockBid(tx, bidId, replicaLock);
    if (!locked) throw bidNotFound(bidId);
    return work(tx, locked.bid, locked.task);
  });
}
