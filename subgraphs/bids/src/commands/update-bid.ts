import type { Caller } from '@sx/events';
import { writeBidPatch } from '../db/bid-writes.js';
import type { BidRow } from '../db/tables.js';
import type { BidsDeps } from '../deps.js';
import type { BidPatch } from '../domain/bid-draft.js';
import { assertCanUpdateBid } from '../domain/change-bid.js';
import { recordBidUpdated } from '../events/bid-events.js';
import { inLockedBid } from './locked-bid.js';

export interface UpdateBidCommand {
  caller: Caller;
  bidId: string;
  patch: BidPatch;
}

/** The tasker changes a pending bid's amount or message while the task still takes bids. */
export function updateBid(deps: BidsDeps, command: UpdateBidCommand): Promise<BidRow> {
  const { caller, bidId, patch } = command;
  return inLockedBid(deps, bidId, async (tx, current, task) => {
    assertCanUpdateBid(current, task, caller.userId, patch, new Date());
    const updated = await writeBidPatch(tx, current, patch);
    await recordBidUpdated(tx, updated, caller.actor);
    return updated;
  });
}
