import { requireCaller } from '@sx/events';
import type { TaskActionCommand } from '../../commands/locked-task.js';
import type { TasksDeps } from '../../deps.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';
import type { Task } from '../../loaders.js';

/** cancelTask, markTaskDone and confirmTaskCompletion: the same arguments (`id`), the same result. */
type TaskActionResolver = NonNullable<MutationResolvers['cancelTask'] & MutationResolvers['markTaskDone'] & MutationResolvers['confirmTaskCompletion']>;

/**
 * The three mutations that move one task along differ only in their command: the signed-in
 * caller and the task's id go in, the task comes out.
 */
export function taskActionMutation(
  deps: TasksDeps,
  command: (deps: TasksDeps, command: TaskActionCommand) => Promise<Task>,
  logLine: string,
): TaskActionResolver {
  return async (_, args, ctx) => {
    const task = await command(deps, { caller: requireCaller(ctx.identity), taskId: args.id });
    ctx.log.info({ taskId: task.id }, logLine);
    return task;
  };
}
