import type { Db } from '@sx/runtime';
import { requireUser } from '@sx/core';
import { withLockedTask, writeTaskPatch } from '../../db/task-writes.js';
import { recordTaskUpdated } from '../../events/task-events.js';
import { actorOf } from '@sx/events';
import { assertCanEdit } from '../../domain/task-ownership.js';
import { parseTaskPatch } from '../../domain/task-patch.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function updateTask(db: Db): MutationResolvers['updateTask'] {
  return async (_, args, ctx) => {
    const callerId = requireUser(ctx.identity);
    const patch = parseTaskPatch(args.input, new Date());
    const task = await withLockedTask(db, args.id, async (tx, current) => {
      assertCanEdit(current, callerId);
      const updated = await writeTaskPatch(tx, current, patch);
      await recordTaskUpdated(tx, updated, actorOf(ctx.identity));
      return updated;
    });
    ctx.log.info({ taskId: task.id, fields: Object.keys(patch) }, 'task updated');
    return task;
  };
}
