import { requireCaller } from '@sx/events';
import { postGroupTask, stepGroupTask } from '../../commands/group-task-steps.js';
import type { GroupsDeps } from '../../deps.js';
import { parseGroupTaskDraft, type GroupTaskStep } from '../../domain/group-task.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

type GroupTaskMutations = Pick<MutationResolvers, 'postGroupTask' | 'markGroupTaskDone' | 'confirmGroupTaskCompletion' | 'cancelGroupTask'>;

export function groupTaskMutations(deps: GroupsDeps): GroupTaskMutations {
  const step =
    (name: GroupTaskStep): GroupTaskMutations['markGroupTaskDone'] =>
    async (_, { id }, ctx) => {
      const task = await stepGroupTask(deps, { caller: requireCaller(ctx.identity), taskId: id, step: name });
      ctx.log.info({ groupTaskId: task.id, status: task.status }, 'group task moved');
      return task;
    };
  return {
    postGroupTask: (_, { input }, ctx) => postGroupTask(deps, { caller: requireCaller(ctx.identity), draft: parseGroupTaskDraft(input, new Date()) }),
    markGroupTaskDone: step('MARK_DONE'),
    confirmGroupTaskCompletion: step('CONFIRM'),
    cancelGroupTask: step('CANCEL'),
  };
}
