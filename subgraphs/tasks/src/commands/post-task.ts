import type { Caller } from '@sx/events';
import type { Task } from '../db/task-columns.js';
import { insertTask } from '../db/task-writes.js';
import type { TasksDeps } from '../deps.js';
import type { TaskDraft } from '../domain/task-draft.js';
import { recordTaskPosted } from '../events/task-events.js';

export interface PostTaskCommand {
  caller: Caller;
  draft: TaskDraft;
}

/** A poster's new task, OPEN, with tasks.task.posted in the same transaction. */
export function postTask(deps: TasksDeps, command: PostTaskCommand): Promise<Task> {
  return deps.db.transaction(async (tx) => {
    const task = await insertTask(tx, command.caller.userId, command.draft);
    await recordTaskPosted(tx, task, command.caller.actor);
    return task;
  });
}
