import { DateTimeScalar } from '@sx/runtime';
import { cancelTask } from '../commands/cancel-task.js';
import { confirmTaskCompletion } from '../commands/confirm-task-completion.js';
import { markTaskDone } from '../commands/mark-task-done.js';
import type { TasksDeps } from '../deps.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { disputeFields, disputeMessageFields, openDisputesQuery, taskDispute } from './dispute-fields.js';
import { disputeMutations } from './mutation/dispute.js';
import { moderationMutations } from './mutation/moderation.js';
import { postTaskMutation } from './mutation/post-task.js';
import { taskActionMutation } from './mutation/task-action.js';
import { updateTaskMutation } from './mutation/update-task.js';
import { questionFields, questionMutations, taskQuestionsField } from './question-fields.js';
import { queryFields } from './query.js';
import { taskEventQuery } from './task-event.js';
import { taskFields } from './task-fields.js';
import { userFields } from './user-fields.js';

export function createResolvers(deps: TasksDeps): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: { ...queryFields, taskEvent: taskEventQuery, openDisputes: openDisputesQuery },
    Mutation: {
      postTask: postTaskMutation(deps),
      updateTask: updateTaskMutation(deps),
      cancelTask: taskActionMutation(deps, cancelTask, 'task cancelled'),
      markTaskDone: taskActionMutation(deps, markTaskDone, 'task marked done'),
      confirmTaskCompletion: taskActionMutation(deps, confirmTaskCompletion, 'task completion confirmed'),
      ...disputeMutations(deps),
      ...questionMutations(deps),
      ...moderationMutations(deps),
    },
    Task: { ...taskFields, ...taskQuestionsField, dispute: (task, _, ctx) => taskDispute(task, ctx) },
    User: { ...userFields, withdrawalCount: (user, _, ctx) => ctx.loaders.withdrawalCount.load(user.id) },
    Dispute: disputeFields,
    DisputeMessage: disputeMessageFields,
    Question: questionFields,
  };
}
