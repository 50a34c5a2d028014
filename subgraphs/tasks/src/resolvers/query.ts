import { parseTaskFilter } from '../domain/task-filter.js';
import { canSeeTask, viewerOf } from '../domain/task-visibility.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { parseTaskPage, taskConnection } from './task-page.js';

export const queryFields: Pick<QueryResolvers, 'task' | 'tasks'> = {
  // Unknown and malformed ids are simply absent: the loader never sends a malformed uuid to SQL.
  task: async (_, args, ctx) => {
    const task = await ctx.loaders.task.load(args.id);
    return task && canSeeTask(viewerOf(ctx.identity), task) ? task : null;
  },
  tasks: async (_, args, ctx) => {
    const page = parseTaskPage(args);
    const filter = parseTaskFilter(args.filter ?? {});
    // The public listing and search may lag by the replica's delay; a user's own tasks
    // (User.postedTasks) stay on the primary, so a poster always sees what they just posted.
    return taskConnection(await ctx.loaders.listingPage(filter, page, viewerOf(ctx.identity)), page);
  },
};
