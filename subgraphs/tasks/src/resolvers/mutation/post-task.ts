import type { Db } from '@sx/runtime';
import { requireRole } from '@sx/core';
import { insertTask } from '../../db/task-writes.js';
import { recordTaskPosted } from '../../events/task-events.js';
import { actorOf } from '@sx/events';
import { parseTaskDraft } from '../../domain/task-draft.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function postTask(db: Db): MutationResolvers['postTask'] {
  return async (_, args, ctx) => {
    const posterId = requireRole(ctx.identity, 'POSTER');
    const draft = parseTaskDraft(args.input, new Date());
    const task = await db.transaction(async (tx) => {
      const inserted = await insertTask(tx, posterId, draft);
      await recordTaskPosted(tx, inserted, actorOf(ctx.identity));
      return inserted;
    });
    ctx.log.info({ taskId: task.id, posterId }, 'task posted');
    return task;
  };
}
