import { requireCaller } from '@sx/events';
import { withdrawBid } from '../../commands/withdraw-bid.js';
import type { BidsDeps } from '../../deps.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function withdrawBidMutation(deps: BidsDeps): MutationResolvers['withdrawBid'] {
  return async (_, args, ctx) => {
    const bid = await withdrawBid(deps, { caller: requireCaller(ctx.identity), bidId: args.id });
    ctx.log.info({ bidId: bid.id }, 'bid withdrawn');
    return bid;
  };
}
