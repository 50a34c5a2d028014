import { toApiMoney, type Resolvers } from '@sx/runtime';
import type { BidRow } from '../db/tables.js';
import { canSeeBid } from '../domain/bid-visibility.js';
import type { BidLoaders } from '../loaders.js';

export const bidFields: Resolvers<BidLoaders>[string] = {
  __resolveReference: async (ref: { id: string }, ctx) => {
    const bid = await ctx.loaders.bid.load(ref.id);
    return bid && canSeeBid(ctx.identity, bid) ? bid : null;
  },
  amount: (b: BidRow) => toApiMoney(b.amountMinor, b.currency),
  task: (b: BidRow) => ({ __typename: 'Task', id: b.taskId }),
  tasker: (b: BidRow) => ({ __typename: 'User', id: b.taskerId }),
};
