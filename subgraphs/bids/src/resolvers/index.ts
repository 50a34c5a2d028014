import {
  DateTimeScalar,
  emptyConnection,
  parseTimePageArgs,
  timePosition,
  toApiMoney,
  toConnection,
  type Db,
  type PageArgs,
  type Resolvers,
} from '@sx/runtime';
import { pageBidsOfTasker } from '../db/bid-queries.js';
import type { BidRow } from '../db/tables.js';
import { assertCanListUserBids, canSeeBid, taskBidsScope } from '../domain/bid-visibility.js';
import type { BidLoaders } from '../loaders.js';

export function createResolvers(db: Db): Resolvers<BidLoaders> {
  return {
    DateTime: DateTimeScalar,
    Bid: {
      __resolveReference: async (ref: { id: string }, ctx) => {
        const bid = await ctx.loaders.bid.load(ref.id);
        return bid && canSeeBid(ctx.identity, bid) ? bid : null;
      },
      amount: (b: BidRow) => toApiMoney(b.amountMinor, b.currency),
      task: (b: BidRow) => ({ __typename: 'Task', id: b.taskId }),
      tasker: (b: BidRow) => ({ __typename: 'User', id: b.taskerId }),
    },
    Task: {
      bids: async (task: { id: string }, args: PageArgs, ctx) => {
        const page = parseTimePageArgs(args);
        const scope = taskBidsScope(ctx.identity);
        if (scope.kind === 'none') return emptyConnection();
        const taskerId = scope.kind === 'tasker' ? scope.taskerId : null;
        const rows = await ctx.loaders.taskBids.load({ taskId: task.id, taskerId, page });
        return toConnection(rows, page.limit, timePosition);
      },
      bidCount: (task: { id: string }, _args, ctx) => ctx.loaders.bidCount.load(task.id),
    },
    User: {
      bids: async (user: { id: string }, args: PageArgs, ctx) => {
        assertCanListUserBids(ctx.identity, user.id);
        const page = parseTimePageArgs(args);
        return toConnection(await pageBidsOfTasker(db, { taskerId: user.id, page }), page.limit, timePosition);
      },
    },
  };
}
