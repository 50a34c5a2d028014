import { NO_FILTER } from '../domain/task-filter.js';
import { viewerOf } from '../domain/task-visibility.js';
import type { UserResolvers } from '../generated/resolvers-types.js';
import { parseTaskPage, taskConnection } from './task-page.js';

/** The tasks a user posted and the tasks assigned to them, on the users subgraph's User. */
export const userFields: UserResolvers = {
  postedTasks: async (user, args, ctx) => {
    const page = parseTaskPage(args);
    // GraphQL has already checked the TaskStatus enum.
    const status = args.status ?? null;
    return taskConnection(await ctx.loaders.taskPage({ ...NO_FILTER, posterId: user.id, status }, page, viewerOf(ctx.identity)), page);
  },
  assignedTasks: async (user, args, ctx) => {
    const page = parseTaskPage(args);
    return taskConnection(await ctx.loaders.taskPage({ ...NO_FILTER, assigneeId: user.id }, page, viewerOf(ctx.identity)), page);
  },
};
