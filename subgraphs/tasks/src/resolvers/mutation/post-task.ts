import { requireCaller } from '@sx/events';
import { postTask } from '../../commands/post-task.js';
import type { TasksDeps } from '../../deps.js';
import { parseTaskDraft } from '../../domain/task-draft.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function postTaskMutation(deps: TasksDeps): MutationResolvers['postTask'] {
  return async (_, args, ctx) => {
    const caller = requireCaller(ctx.identity, 'POSTER');
    const task = await postTask(deps, { caller, draft: parseTaskDraft(args.input, new Date()) });
    ctx.log.info({ taskId: task.id, posterId: caller.userId }, 'task posted');
    return task;
  };
}
