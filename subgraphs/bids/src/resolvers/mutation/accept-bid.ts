import { requireCaller } from '@sx/events';
import { acceptBid } from '../../commands/accept-bid.js';
import type { BidsDeps } from '../../deps.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

/** Starts the payment saga (docs/saga.md); the answer is the bid, now ACCEPTING. */
export function acceptBidMutation(deps: BidsDeps): MutationResolvers['acceptBid'] {
  return async (_, args, ctx) => {
    const caller = requireCaller(ctx.identity);
    const bid = await acceptBid(deps, { caller, bidId: args.id });
    ctx.log.info({ bidId: bid.id, taskId: bid.taskId, posterId: caller.userId }, 'bid accept requested');
    return bid;
  };
}
