import { toApiMoney, type Resolvers } from '@sx/runtime';
import type { BidWithPoster } from '../db/bid-queries.js';
import type { BidRow } from '../db/tables.js';
import { canSeeAcceptFailure, canSeeBid } from '../domain/bid-visibility.js';
import type { BidContext, BidLoaders } from '../loaders.js';

/** A bid as resolvers receive it: with its task's poster when it came through the entity loader. */
type ResolvedBid = BidRow & Partial<Pick<BidWithPoster, 'posterId'>>;

/** The poster of the bid's task: on the row already, or from the (batched) bid loader. */
async function posterOf(bid: ResolvedBid, ctx: BidContext): Promise<string | null> {
  if (bid.posterId !== undefined) return bid.posterId;
  return (await ctx.loaders.bid.load(bid.id))?.posterId ?? null;
}

export const bidFields: Resolvers<BidLoaders>[string] = {
  __resolveReference: async (ref: { id: string }, ctx) => {
    const bid = await ctx.loaders.bid.load(ref.id);
    return bid && canSeeBid(ctx.identity, bid) ? bid : null;
  },
  amount: (b: BidRow) => toApiMoney(b.amountMinor, b.currency),
  task: (b: BidRow) => ({ __typename: 'Task', id: b.taskId }),
  tasker: (b: BidRow) => ({ __typename: 'User', id: b.taskerId }),
  acceptFailure: async (b: ResolvedBid, _args: unknown, ctx: BidContext) => {
    // Most bids never failed: answer those without asking who the poster is.
    if (!b.lastAcceptFailure || !b.lastAcceptFailureAt) return null;
    if (!canSeeAcceptFailure(ctx.identity, await posterOf(b, ctx))) return null;
    return { reason: b.lastAcceptFailure, at: b.lastAcceptFailureAt };
  },
};
