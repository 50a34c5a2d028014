import { findChosenBid, markBidAccepting } from '../db/acceptance-writes.js';
import type { BidRow } from '../db/tables.js';
import type { BidsDeps } from '../deps.js';
import { assertCanAcceptBid } from '../domain/accept-bid.js';
import { recordAcceptRequested } from '../events/bid-events.js';
import { type BidActionCommand, inLockedBid } from './locked-bid.js';

/**
 * Starts the payment saga (docs/saga.md): the bid becomes ACCEPTING and
 * bids.bid.accept_requested asks wallet to hold its amount. The task's replica row is locked
 * FOR UPDATE, so of two accepts on one task the second waits, then sees the first's bid
 * ACCEPTING and gets CONFLICT: one hold per task.
 */
export function acceptBid(deps: BidsDeps, command: BidActionCommand): Promise<BidRow> {
  const { caller, bidId } = command;
  return inLockedBid(
    deps,
    bidId,
    async (tx, current, task) => {
      const chosen = await findChosenBid(tx, current.taskId, current.id);
      assertCanAcceptBid({ bid: current, task, callerId: caller.userId, chosen });
      const accepting = await markBidAccepting(tx, current);
      await recordAcceptRequested(tx, accepting, caller.userId, caller.actor);
      return accepting;
    },
    'update',
  );
}
