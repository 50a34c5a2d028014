import { toApiMoney } from '@sx/core';
import { isHidden } from '../domain/task-visibility.js';
import type { TaskResolvers } from '../generated/resolvers-types.js';

/** How a stored task becomes the API's Task; other subgraphs resolve the User references. */
export const taskFields: TaskResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.task.load(ref.id),
  budget: (task) => toApiMoney(task.budgetAmountMinor, task.budgetCurrency),
  location: (task) => (task.lat === null || task.lng === null ? null : { lat: task.lat, lng: task.lng, address: task.address }),
  poster: (task) => ({ id: task.posterId }),
  assignee: (task) => (task.assigneeId ? { id: task.assigneeId } : null),
  hidden: (task) => isHidden(task),
  hiddenReason: (task, _args, ctx) => (ctx.identity.roles.includes('ADMIN') || ctx.identity.userId === task.posterId ? task.hiddenReason : null),
};
