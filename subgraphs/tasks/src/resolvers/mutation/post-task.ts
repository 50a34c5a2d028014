import { requireRole, type Db } from '@sx/runtime';
import { insertTask } from '../../db/task-writes.js';
import { parseTaskDraft, type PostTaskInput } from '../../domain/task-draft.js';
import type { TaskContext } from '../../loaders.js';

export function postTask(db: Db) {
  return async (_: unknown, args: { input: PostTaskInput }, ctx: TaskContext) => {
    const posterId = requireRole(ctx.identity, 'POSTER');
    const draft = parseTaskDraft(args.input, new Date());
    const task = await insertTask(db, posterId, draft);
    ctx.log.info({ taskId: task.id, posterId }, 'task posted');
    return task;
  };
}
