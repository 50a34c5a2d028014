import { emptyConnection, parseTimePageArgs, timePosition, toConnection, type PageArgs, type Resolvers } from '@sx/runtime';
import { taskBidsScope } from '../domain/bid-visibility.js';
import type { BidLoaders } from '../loaders.js';

export const taskFields: Resolvers<BidLoaders>[string] = {
  bids: async (task: { id: string }, args: PageArgs, ctx) => {
    const page = parseTimePageArgs(args);
    const scope = taskBidsScope(ctx.identity);
    if (scope.kind === 'none') return emptyConnection();
    const viewerId = scope.kind === 'viewer' ? scope.userId : null;
    const rows = await ctx.loaders.taskBids.load({ taskId: task.id, viewerId, page });
    return toConnection(rows, page.limit, timePosition);
  },
  bidCount: (task: { id: string }, _args, ctx) => ctx.loaders.bidCount.load(task.id),
};
