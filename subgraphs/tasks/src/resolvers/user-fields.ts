import type { Db } from '@sx/runtime';
import { NO_FILTER } from '../domain/task-filter.js';
import { pageTasks } from '../db/task-queries.js';
import type { UserResolvers } from '../generated/resolvers-types.js';
import { parseTaskPage, taskConnection } from './task-page.js';

/** The tasks a user posted and the tasks assigned to them, on the users subgraph's User. */
export function userFields(db: Db): UserResolvers {
  return {
    postedTasks: async (user, args) => {
      const page = parseTaskPage(args);
      // GraphQL has already checked the TaskStatus enum.
      const status = args.status ?? null;
      return taskConnection(await pageTasks(db, { ...NO_FILTER, posterId: user.id, status }, page), page);
    },
    assignedTasks: async (user, args) => {
      const page = parseTaskPage(args);
      return taskConnection(await pageTasks(db, { ...NO_FILTER, assigneeId: user.id }, page), page);
    },
  };
}
