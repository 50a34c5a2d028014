import { DateTimeScalar, type Db } from '@sx/runtime';
import { parseTimePageArgs, timePosition, toConnection } from '@sx/core';
import { pageBidsOfTasker } from '../db/bid-queries.js';
import { assertCanListUserBids } from '../domain/bid-visibility.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { bidEventQuery } from '../live/bid-event.js';
import { bidFields } from './bid-fields.js';
import { acceptBid } from './mutation/accept-bid.js';
import { placeBid } from './mutation/place-bid.js';
import { updateBid } from './mutation/update-bid.js';
import { withdrawBid } from './mutation/withdraw-bid.js';
import { taskFields } from './task-fields.js';

export function createResolvers(db: Db): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: { bidEvent: bidEventQuery(db) },
    Mutation: {
      placeBid: placeBid(db),
      updateBid: updateBid(db),
      withdrawBid: withdrawBid(db),
      acceptBid: acceptBid(db),
    },
    Bid: bidFields,
    Task: taskFields,
    User: {
      bids: async (user, args, ctx) => {
        assertCanListUserBids(ctx.identity, user.id);
        const page = parseTimePageArgs(args);
        return toConnection(await pageBidsOfTasker(db, { taskerId: user.id, page }), page.limit, timePosition);
      },
    },
  };
}
