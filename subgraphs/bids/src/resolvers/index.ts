import { DateTimeScalar, parseTimePageArgs, timePosition, toConnection, type Db, type PageArgs, type Resolvers } from '@sx/runtime';
import { pageBidsOfTasker } from '../db/bid-queries.js';
import { assertCanListUserBids } from '../domain/bid-visibility.js';
import type { BidLoaders } from '../loaders.js';
import { bidFields } from './bid-fields.js';
import { acceptBid } from './mutation/accept-bid.js';
import { placeBid } from './mutation/place-bid.js';
import { updateBid } from './mutation/update-bid.js';
import { withdrawBid } from './mutation/withdraw-bid.js';
import { taskFields } from './task-fields.js';

export function createResolvers(db: Db): Resolvers<BidLoaders> {
  return {
    DateTime: DateTimeScalar,
    Mutation: {
      placeBid: placeBid(db),
      updateBid: updateBid(db),
      withdrawBid: withdrawBid(db),
      acceptBid: acceptBid(db),
    },
    Bid: bidFields,
    Task: taskFields,
    User: {
      bids: async (user: { id: string }, args: PageArgs, ctx) => {
        assertCanListUserBids(ctx.identity, user.id);
        const page = parseTimePageArgs(args);
        return toConnection(await pageBidsOfTasker(db, { taskerId: user.id, page }), page.limit, timePosition);
      },
    },
  };
}
