import { writeBidStatus } from '../db/bid-writes.js';
import type { BidRow } from '../db/tables.js';
import type { BidsDeps } from '../deps.js';
import { assertCanWithdrawBid } from '../domain/change-bid.js';
import { recordBidWithdrawn } from '../events/bid-events.js';
import { type BidActionCommand, inLockedBid } from './locked-bid.js';

/** The tasker takes a pending bid back, whatever its task's state. */
export function withdrawBid(deps: BidsDeps, command: BidActionCommand): Promise<BidRow> {
  const { caller, bidId } = command;
  return inLockedBid(deps, bidId, async (tx, current) => {
    assertCanWithdrawBid(current, caller.userId);
    const withdrawn = await writeBidStatus(tx, current, 'WITHDRAWN');
    await recordBidWithdrawn(tx, withdrawn, caller.actor);
    return withdrawn;
  });
}
