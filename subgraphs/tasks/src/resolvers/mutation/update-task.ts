import { requireCaller } from '@sx/events';
import { updateTask } from '../../commands/update-task.js';
import type { TasksDeps } from '../../deps.js';
import { parseTaskPatch } from '../../domain/task-patch.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

export function updateTaskMutation(deps: TasksDeps): MutationResolvers['updateTask'] {
  return async (_, args, ctx) => {
    const caller = requireCaller(ctx.identity);
    const patch = parseTaskPatch(args.input, new Date());
    const task = await updateTask(deps, { caller, taskId: args.id, patch });
    ctx.log.info({ taskId: task.id, fields: Object.keys(patch) }, 'task updated');
    return task;
  };
}
