import { requireCaller } from '@sx/events';
import { updateBid } from '../../commands/update-bid.js';
import type { BidsDeps } from '../../deps.js';
import { parseBidPatch } from '../../domain/bid-draft.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function updateBidMutation(deps: BidsDeps): MutationResolvers['updateBid'] {
  return async (_, args, ctx) => {
    const caller = requireCaller(ctx.identity);
    const patch = parseBidPatch(args.input);
    const bid = await updateBid(deps, { caller, bidId: args.id, patch });
    ctx.log.info({ bidId: bid.id, fields: Object.keys(patch) }, 'bid updated');
    return bid;
  };
}
