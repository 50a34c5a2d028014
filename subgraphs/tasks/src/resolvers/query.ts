import type { Db, PageArgs } from '@sx/runtime';
import { parseTaskFilter, type TaskFilterInput } from '../domain/task-filter.js';
import { pageTasks } from '../db/task-queries.js';
import type { TaskContext } from '../loaders.js';
import { parseTaskPage, taskConnection } from './task-page.js';

export function queryFields(db: Db) {
  return {
    // Unknown and malformed ids are simply absent: the loader never sends a malformed uuid to SQL.
    task: (_: unknown, args: { id: string }, ctx: TaskContext) => ctx.loaders.task.load(args.id),
    tasks: async (_: unknown, args: PageArgs & { filter?: TaskFilterInput | null }) => {
      const page = parseTaskPage(args);
      const filter = parseTaskFilter(args.filter ?? {});
      return taskConnection(await pageTasks(db, filter, page), page);
    },
  };
}
