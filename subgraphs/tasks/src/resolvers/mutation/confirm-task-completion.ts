import type { Db } from '@sx/runtime';
import { requireUser } from '@sx/core';
import { writeTaskStatus } from '../../db/task-status-writes.js';
import { withLockedTask } from '../../db/task-writes.js';
import { decideConfirmCompletion } from '../../domain/task-completion.js';
import { actorOf } from '@sx/events';
import { recordTaskCompleted } from '../../events/task-saga-events.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function confirmTaskCompletion(db: Db): MutationResolvers['confirmTaskCompletion'] {
  return async (_, args, ctx) => {
    const callerId = requireUser(ctx.identity);
    const task = await withLockedTask(db, args.id, async (tx, current) => {
      const completed = await writeTaskStatus(tx, current, decideConfirmCompletion(current, callerId));
      await recordTaskCompleted(tx, completed, 'POSTER', { actor: actorOf(ctx.identity) });
      return completed;
    });
    ctx.log.info({ taskId: task.id }, 'task completion confirmed');
    return task;
  };
}
