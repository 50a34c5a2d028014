import DataLoader from 'dataloader';
import type { Db, ServiceContext } from '@sx/runtime';
import type { Task } from './db/task-columns.js';
import { findTasksByIds } from './db/task-queries.js';

export interface TaskLoaders {
  task: DataLoader<string, Task | null>;
}

export function createLoaders(db: Db): TaskLoaders {
  return {
    // One SELECT … WHERE id IN (…) for every task a request references.
    task: new DataLoader(async (ids) => {
      const rows = await findTasksByIds(db, ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

/** What the tasks resolvers receive. */
export type TaskContext = ServiceContext<TaskLoaders>;
