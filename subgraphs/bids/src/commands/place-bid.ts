import { refuseUniqueViolation } from '@sx/runtime';
import type { Caller } from '@sx/events';
import { hasActiveBid, insertBid, ONE_ACTIVE_BID_INDEX } from '../db/bid-writes.js';
import type { BidRow } from '../db/tables.js';
import { lockTaskReplica } from '../db/task-replica-queries.js';
import type { BidsDeps } from '../deps.js';
import type { BidDraft } from '../domain/bid-draft.js';
import { assertCanBid, SecondActiveBid, TaskNotYetKnown } from '../domain/place-bid.js';
import { recordBidPlaced } from '../events/bid-events.js';

export interface PlaceBidCommand {
  caller: Caller;
  draft: BidDraft;
}

/**
 * A tasker's bid on an open task. The task's replica row is locked FOR SHARE, so a cancellation
 * of the task either rejects this bid after it commits or is seen by it.
 */
export function placeBid(deps: BidsDeps, command: PlaceBidCommand): Promise<BidRow> {
  const { caller, draft } = command;
  const placing = deps.db.transaction(async (tx) => {
    const task = await lockTaskReplica(tx, draft.taskId, 'share');
    if (!task) throw new TaskNotYetKnown(draft.taskId);
    assertCanBid(task, caller.userId, draft.amount, new Date());
    if (await hasActiveBid(tx, draft.taskId, caller.userId)) throw new SecondActiveBid();
    const bid = await insertBid(tx, { ...draft, taskerId: caller.userId });
    await recordBidPlaced(tx, bid, caller.actor);
    return bid;
  });
  // Two placements racing past hasActiveBid: the partial unique index lets one commit.
  return refuseUniqueViolation(placing, ONE_ACTIVE_BID_INDEX, () => new SecondActiveBid());
}
