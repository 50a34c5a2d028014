import { requireUser, type Db } from '@sx/runtime';
import { withLockedTask, writeTaskPatch } from '../../db/task-writes.js';
import { assertCanEdit } from '../../domain/task-ownership.js';
import { parseTaskPatch, type UpdateTaskInput } from '../../domain/task-patch.js';
import type { TaskContext } from '../../loaders.js';

export function updateTask(db: Db) {
  return async (_: unknown, args: { id: string; input: UpdateTaskInput }, ctx: TaskContext) => {
    const callerId = requireUser(ctx.identity);
    const patch = parseTaskPatch(args.input, new Date());
    const task = await withLockedTask(db, args.id, async (tx, current) => {
      assertCanEdit(current, callerId);
      return writeTaskPatch(tx, current, patch);
    });
    ctx.log.info({ taskId: task.id, fields: Object.keys(patch) }, 'task updated');
    return task;
  };
}
