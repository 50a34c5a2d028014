import { emptyConnection, parseTimePageArgs, timePosition, toConnection } from '@sx/core';
import { taskBidsScope } from '../domain/bid-visibility.js';
import type { TaskResolvers } from '../generated/resolvers-types.js';

export const taskFields: TaskResolvers = {
  bids: async (task, args, ctx) => {
    const page = parseTimePageArgs(args);
    const scope = taskBidsScope(ctx.identity);
    if (scope.kind === 'none') return emptyConnection();
    const viewerId = scope.kind === 'viewer' ? scope.userId : null;
    const rows = await ctx.loaders.taskBids.load({ taskId: task.id, viewerId, page });
    return toConnection(rows, page.limit, timePosition);
  },
  bidCount: (task, _args, ctx) => ctx.loaders.bidCount.load(task.id),
};
