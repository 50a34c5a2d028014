import type { Db } from '@sx/runtime';
import { requireUser } from '@sx/core';
import { withLockedBid, writeBidStatus } from '../../db/bid-writes.js';
import { assertCanWithdrawBid } from '../../domain/change-bid.js';
import { recordBidWithdrawn } from '../../events/bid-events.js';
import { actorOf } from '@sx/events';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function withdrawBid(db: Db): MutationResolvers['withdrawBid'] {
  return async (_, args, ctx) => {
    const callerId = requireUser(ctx.identity);
    const bid = await withLockedBid(db, args.id, async (tx, current) => {
      assertCanWithdrawBid(current, callerId);
      const withdrawn = await writeBidStatus(tx, current, 'WITHDRAWN');
      await recordBidWithdrawn(tx, withdrawn, actorOf(ctx.identity));
      return withdrawn;
    });
    ctx.log.info({ bidId: bid.id }, 'bid withdrawn');
    return bid;
  };
}
