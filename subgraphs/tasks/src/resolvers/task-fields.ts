import { toApiMoney } from '@sx/core';
import { locationFor } from '../domain/approximate-location.js';
import { isHidden } from '../domain/task-visibility.js';
import type { TaskResolvers } from '../generated/resolvers-types.js';

/** How a stored task becomes the API's Task; other subgraphs resolve the User references. */
export const taskFields: TaskResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.task.load(ref.id),
  budget: (task) => toApiMoney(task.budgetAmountMinor, task.budgetCurrency),
  // Location privacy: exact for the poster and the assignee, a ~1 km grid cell for everyone else.
  location: (task, _args, ctx) => locationFor(task, ctx.identity.userId),
  poster: (task) => ({ id: task.posterId }),
  assignee: (task) => (task.assigneeId ? { id: task.assigneeId } : null),
  hidden: (task) => isHidden(task),
  hiddenReason: (task, _args, ctx) => (ctx.identity.roles.includes('ADMIN') || ctx.identity.userId === task.posterId ? task.hiddenReason : null),
};
