import { DateTimeScalar } from '@sx/runtime';
import { parseTimePageArgs, timePosition, toConnection } from '@sx/core';
import type { BidsDeps } from '../deps.js';
import { assertCanListUserBids } from '../domain/bid-visibility.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { bidEventQuery } from './bid-event.js';
import { bidFields } from './bid-fields.js';
import { acceptBidMutation } from './mutation/accept-bid.js';
import { placeBidMutation } from './mutation/place-bid.js';
import { updateBidMutation } from './mutation/update-bid.js';
import { withdrawBidMutation } from './mutation/withdraw-bid.js';
import { taskFields } from './task-fields.js';

export function createResolvers(deps: BidsDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: { bidEvent: bidEventQuery },
    Mutation: {
      placeBid: placeBidMutation(deps),
      updateBid: updateBidMutation(deps),
      withdrawBid: withdrawBidMutation(deps),
      acceptBid: acceptBidMutation(deps),
    },
    Bid: bidFields,
    Task: taskFields,
    User: {
      bids: async (user, args, ctx) => {
        assertCanListUserBids(ctx.identity, user.id);
        const page = parseTimePageArgs(args);
        return toConnection(await ctx.loaders.taskerBids(user.id, page), page.limit, timePosition);
      },
    },
  };
}
