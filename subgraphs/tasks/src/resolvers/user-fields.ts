import type { Db, PageArgs } from '@sx/runtime';
import { NO_FILTER, parseStatus } from '../domain/task-filter.js';
import { pageTasks } from '../db/task-queries.js';
import { parseTaskPage, taskConnection } from './task-page.js';

/** The tasks a user posted and the tasks assigned to them, on the users subgraph's User. */
export function userFields(db: Db) {
  return {
    postedTasks: async (user: { id: string }, args: PageArgs & { status?: string | null }) => {
      const page = parseTaskPage(args);
      const status = args.status ? parseStatus(args.status, 'status') : null;
      return taskConnection(await pageTasks(db, { ...NO_FILTER, posterId: user.id, status }, page), page);
    },
    assignedTasks: async (user: { id: string }, args: PageArgs) => {
      const page = parseTaskPage(args);
      return taskConnection(await pageTasks(db, { ...NO_FILTER, assigneeId: user.id }, page), page);
    },
  };
}
