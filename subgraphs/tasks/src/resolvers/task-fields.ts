import { toApiMoney } from '@sx/core';
import { locationFor } from '../domain/approximate-location.js';
import { isHidden, viewerOf } from '../domain/task-visibility.js';
import { taskSeenBy } from '../domain/withheld-task.js';
import type { TaskResolvers } from '../generated/resolvers-types.js';

/** How a stored task becomes the API's Task; other subgraphs resolve the User references. */
export const taskFields: TaskResolvers = {
  // Resolved whatever its moderation, so that a review's or a bid's non-null task never breaks;
  // a hidden task comes withheld to anyone `task(id)` would answer null (docs/decisions.md).
  __resolveReference: async (ref, ctx) => {
    const task = await ctx.loaders.task.load(ref.id);
    return task && taskSeenBy(viewerOf(ctx.identity), task);
  },
  budget: (task) => toApiMoney(task.budgetAmountMinor, task.budgetCurrency),
  // Location privacy: exact for the poster and the assignee, a ~1 km grid cell for everyone else.
  location: (task, _args, ctx) => locationFor(task, ctx.identity.userId),
  poster: (task) => ({ id: task.posterId }),
  assignee: (task) => (task.assigneeId ? { id: task.assigneeId } : null),
  hidden: (task) => isHidden(task),
  hiddenReason: (task, _args, ctx) => (ctx.identity.roles.includes('ADMIN') || ctx.identity.userId === task.posterId ? task.hiddenReason : null),
};
