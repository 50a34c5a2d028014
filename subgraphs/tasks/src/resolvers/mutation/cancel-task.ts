import type { Db } from '@sx/runtime';
import { requireUser } from '@sx/core';
import { writeTaskStatus } from '../../db/task-status-writes.js';
import { withLockedTask } from '../../db/task-writes.js';
import { recordTaskCancelled } from '../../events/task-events.js';
import { actorOf } from '@sx/events';
import { decideCancel } from '../../domain/task-ownership.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function cancelTask(db: Db): MutationResolvers['cancelTask'] {
  return async (_, args, ctx) => {
    const callerId = requireUser(ctx.identity);
    const task = await withLockedTask(db, args.id, async (tx, current) => {
      const cancelled = await writeTaskStatus(tx, current, decideCancel(current, callerId));
      await recordTaskCancelled(tx, cancelled, current.status, actorOf(ctx.identity));
      return cancelled;
    });
    ctx.log.info({ taskId: task.id }, 'task cancelled');
    return task;
  };
}
