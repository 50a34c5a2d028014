import type { Db } from '@sx/runtime';
import { parseTaskFilter } from '../domain/task-filter.js';
import { pageTasks } from '../db/task-queries.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { parseTaskPage, taskConnection } from './task-page.js';

export function queryFields(db: Db): Pick<QueryResolvers, 'task' | 'tasks'> {
  return {
    // Unknown and malformed ids are simply absent: the loader never sends a malformed uuid to SQL.
    task: (_, args, ctx) => ctx.loaders.task.load(args.id),
    tasks: async (_, args) => {
      const page = parseTaskPage(args);
      const filter = parseTaskFilter(args.filter ?? {});
      return taskConnection(await pageTasks(db, filter, page), page);
    },
  };
}
