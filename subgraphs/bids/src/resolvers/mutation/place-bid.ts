import { requireCaller } from '@sx/events';
import { placeBid } from '../../commands/place-bid.js';
import type { BidsDeps } from '../../deps.js';
import { parseBidDraft } from '../../domain/bid-draft.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function placeBidMutation(deps: BidsDeps): MutationResolvers['placeBid'] {
  return async (_, args, ctx) => {
    const caller = requireCaller(ctx.identity, 'TASKER');
    const bid = await placeBid(deps, { caller, draft: parseBidDraft(args.input) });
    ctx.log.info({ bidId: bid.id, taskId: bid.taskId, taskerId: caller.userId }, 'bid placed');
    return bid;
  };
}
