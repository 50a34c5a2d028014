import DataLoader from 'dataloader';
import { type EventEnvelope, findOwnEvent } from '@sx/events';
import type { Db, ReadDb, ServiceContext } from '@sx/runtime';
import type { PageRequest, TimePageRequest } from '@sx/core';
import type { Task } from './db/task-columns.js';
import { createDisputeLoaders, type DisputeLoaders } from './dispute-loaders.js';
import { pageQuestions } from './db/question-queries.js';
import type { QuestionRow } from './db/question-tables.js';
import { outbox } from './db/tables.js';
import { findTasksByIds, pageTasks } from './db/task-queries.js';
import type { TaskFilter } from './domain/task-filter.js';
import type { TaskViewer } from './domain/task-visibility.js';

/** A stored task as resolvers receive it (every column but the search document). */
export type { Task } from './db/task-columns.js';

/** Every read the tasks resolvers make: they reach the database through nothing else. */
export interface TaskLoaders extends DisputeLoaders {
  task: DataLoader<string, Task | null>;
  /** One page of tasks matching `filter`, newest first: `page.limit + 1` rows at most. */
  taskPage: (filter: TaskFilter, page: PageRequest, viewer: TaskViewer) => Promise<Task[]>;
  /**
   * Like taskPage, for the public listing and search (`Query.tasks`), read from the replica when
   * there is one: anonymous callers may see it lag by the replica's delay; a signed-in viewer
   * (who may have just posted) sees at least everything written before the request.
   */
  listingPage: (filter: TaskFilter, page: PageRequest, viewer: TaskViewer) => Promise<Task[]>;
  /** One of tasks' own events, read back from its outbox (null for an unknown id). */
  ownEvent: (id: string) => Promise<EventEnvelope | null>;
  /** One page of a task's public questions, newest first: `page.limit + 1` rows at most. */
  questionPage: (taskId: string, page: TimePageRequest) => Promise<QuestionRow[]>;
}

export function createLoaders(db: Db, readDb: ReadDb): TaskLoaders {
  return {
    ...createDisputeLoaders(db),
    // One SELECT … WHERE id IN (…) for every task a request references.
    task: new DataLoader(async (ids) => {
      const rows = await findTasksByIds(db, ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    taskPage: (filter, page, viewer) => pageTasks(db, filter, page, viewer),
    listingPage: (filter, page, viewer) => (viewer.userId === null ? readDb.read : readDb.readYourWrites)((replica) => pageTasks(replica, filter, page, viewer)),
    ownEvent: (id) => findOwnEvent(db, outbox, id),
    questionPage: (taskId, page) => pageQuestions(db, taskId, page),
  };
}

/** What the tasks resolvers receive. */
export type TaskContext = ServiceContext<TaskLoaders>;
