import { requireUser, type Db } from '@sx/runtime';
import { writeTaskStatus } from '../../db/task-status-writes.js';
import { withLockedTask } from '../../db/task-writes.js';
import { decideCancel } from '../../domain/task-ownership.js';
import type { TaskContext } from '../../loaders.js';

export function cancelTask(db: Db) {
  return async (_: unknown, args: { id: string }, ctx: TaskContext) => {
    const callerId = requireUser(ctx.identity);
    const task = await withLockedTask(db, args.id, (tx, current) => writeTaskStatus(tx, current, decideCancel(current, callerId)));
    ctx.log.info({ taskId: task.id }, 'task cancelled');
    return task;
  };
}
