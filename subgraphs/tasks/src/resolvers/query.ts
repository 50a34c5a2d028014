import { parseTaskFilter } from '../domain/task-filter.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { parseTaskPage, taskConnection } from './task-page.js';

export const queryFields: Pick<QueryResolvers, 'task' | 'tasks'> = {
  // Unknown and malformed ids are simply absent: the loader never sends a malformed uuid to SQL.
  task: (_, args, ctx) => ctx.loaders.task.load(args.id),
  tasks: async (_, args, ctx) => {
    const page = parseTaskPage(args);
    const filter = parseTaskFilter(args.filter ?? {});
    return taskConnection(await ctx.loaders.taskPage(filter, page), page);
  },
};
