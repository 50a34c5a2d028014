import { requireCaller } from '@sx/events';
import { hideTask, unhideTask } from '../../commands/hide-task.js';
import type { TasksDeps } from '../../deps.js';
import { parseHideReason } from '../../domain/task-visibility.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

/** Administrators' task moderation: anyone without the ADMIN role is refused (FORBIDDEN) first. */
export function moderationMutations(deps: TasksDeps): Pick<MutationResolvers, 'hideTask' | 'unhideTask'> {
  return {
    hideTask: async (_, args, ctx) => {
      const caller = requireCaller(ctx.identity, 'ADMIN');
      const task = await hideTask(deps, { caller, taskId: args.taskId, reason: parseHideReason(args.reason), requestId: ctx.requestId ?? null });
      ctx.log.info({ taskId: task.id }, 'task hidden');
      return task;
    },
    unhideTask: async (_, args, ctx) => {
      const caller = requireCaller(ctx.identity, 'ADMIN');
      const task = await unhideTask(deps, { caller, taskId: args.taskId, requestId: ctx.requestId ?? null });
      ctx.log.info({ taskId: task.id }, 'task shown again');
      return task;
    },
  };
}
