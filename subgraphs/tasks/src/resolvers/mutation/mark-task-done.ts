import type { Db } from '@sx/runtime';
import { requireUser } from '@sx/core';
import { writeTaskStatus } from '../../db/task-status-writes.js';
import { withLockedTask } from '../../db/task-writes.js';
import { decideMarkDone } from '../../domain/task-completion.js';
import { actorOf } from '@sx/events';
import { recordTaskDone } from '../../events/task-saga-events.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function markTaskDone(db: Db): MutationResolvers['markTaskDone'] {
  return async (_, args, ctx) => {
    const callerId = requireUser(ctx.identity);
    const task = await withLockedTask(db, args.id, async (tx, current) => {
      const done = await writeTaskStatus(tx, current, decideMarkDone(current, callerId));
      await recordTaskDone(tx, done, { actor: actorOf(ctx.identity) });
      return done;
    });
    ctx.log.info({ taskId: task.id }, 'task marked done');
    return task;
  };
}
