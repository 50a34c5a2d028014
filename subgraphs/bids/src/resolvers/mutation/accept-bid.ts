import type { Db } from '@sx/runtime';
import { requireUser } from '@sx/core';
import { findChosenBid, markBidAccepting } from '../../db/acceptance-writes.js';
import { withLockedBid } from '../../db/bid-writes.js';
import { assertCanAcceptBid } from '../../domain/accept-bid.js';
import { recordAcceptRequested } from '../../events/bid-events.js';
import { actorOf } from '@sx/events';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

/**
 * Starts the payment saga (docs/saga.md): the bid becomes ACCEPTING and
 * bids.bid.accept_requested asks wallet to hold its amount. The task's replica row is locked
 * FOR UPDATE, so of two accepts on one task the second waits, then sees the first's bid
 * ACCEPTING and gets CONFLICT: one hold per task.
 */
export function acceptBid(db: Db): MutationResolvers['acceptBid'] {
  return async (_, args, ctx) => {
    const callerId = requireUser(ctx.identity);
    const bid = await withLockedBid(
      db,
      args.id,
      async (tx, current, task) => {
        const chosen = await findChosenBid(tx, current.taskId, current.id);
        assertCanAcceptBid({ bid: current, task, callerId, chosen });
        const accepting = await markBidAccepting(tx, current);
        await recordAcceptRequested(tx, accepting, callerId, actorOf(ctx.identity));
        return accepting;
      },
      'update',
    );
    ctx.log.info({ bidId: bid.id, taskId: bid.taskId, posterId: callerId }, 'bid accept requested');
    return bid;
  };
}
