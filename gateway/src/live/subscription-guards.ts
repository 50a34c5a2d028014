import type { GraphQLError } from 'graphql';
import { refusalError } from '@sx/runtime';
import type { Identity } from '@sx/core';
import type { PreparedSubscription } from './selection.js';
import type { TaskVisibility } from './task-visibility.js';

/** The refusal of a subscription beyond WS_MAX_SUBSCRIPTIONS_PER_SOCKET; `active` counts it already. */
export function subscriptionLimitRefusal(active: number, limit: number): GraphQLError[] | null {
  if (active <= limit) return null;
  return [refusalError('TOO_MANY_SUBSCRIPTIONS', `This connection already carries ${limit} subscriptions, the most one may: complete one first.`, { limit })];
}

/**
 * A subscription that follows a task (bidEvents, taskEvents) is refused when that task does not
 * exist or the subscriber may not see it: nothing would ever arrive, and ids nobody can see must
 * not cost a subscription each. When tasks cannot answer, the subscription is let through.
 */
export function taskGuard(visibility: TaskVisibility) {
  return async (prepared: PreparedSubscription, viewer: Identity): Promise<GraphQLError | null> => {
    const argument = prepared.binding.taskArgument;
    const taskId = argument ? prepared.args[argument] : undefined;
    if (typeof taskId !== 'string' || (await visibility(taskId, viewer)) !== 'hidden') return null;
    return refusalError('TASK_NOT_FOUND', `No task with id ${taskId.slice(0, 64)} exists that you may see, so there is nothing to follow.`, { field: argument });
  };
}
