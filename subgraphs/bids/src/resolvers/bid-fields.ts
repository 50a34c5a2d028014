import { toApiMoney } from '@sx/core';
import { canSeeAcceptFailure, canSeeBid } from '../domain/bid-visibility.js';
import type { BidResolvers } from '../generated/resolvers-types.js';
import type { BidContext, BidRow, BidWithPoster } from '../loaders.js';

/**
 * A bid as resolvers receive it (the Bid mapper in codegen.ts): with its task's poster when it
 * came through the entity loader.
 */
export type ResolvedBid = BidRow & Partial<Pick<BidWithPoster, 'posterId'>>;

/** The poster of the bid's task: on the row already, or from the (batched) bid loader. */
async function posterOf(bid: ResolvedBid, ctx: BidContext): Promise<string | null> {
  if (bid.posterId !== undefined) return bid.posterId;
  return (await ctx.loaders.bid.load(bid.id))?.posterId ?? null;
}

export const bidFields: BidResolvers = {
  __resolveReference: async (ref, ctx) => {
    const bid = await ctx.loaders.bid.load(ref.id);
    return bid && canSeeBid(ctx.identity, bid) ? bid : null;
  },
  amount: (b) => toApiMoney(b.amountMinor, b.currency),
  task: (b) => ({ id: b.taskId }),
  tasker: (b) => ({ id: b.taskerId }),
  acceptFailure: async (b, _args, ctx) => {
    // Most bids never failed: answer those without asking who the poster is.
    if (!b.lastAcceptFailure || !b.lastAcceptFailureAt) return null;
    if (!canSeeAcceptFailure(ctx.identity, await posterOf(b, ctx))) return null;
    return { reason: b.lastAcceptFailure, at: b.lastAcceptFailureAt };
  },
};
