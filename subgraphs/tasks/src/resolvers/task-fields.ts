import { toApiMoney } from '@sx/runtime';
import type { Task } from '../db/task-columns.js';
import type { TaskContext } from '../loaders.js';

/** How a stored task becomes the API's Task; other subgraphs resolve the User references. */
export const taskFields = {
  __resolveReference: (ref: { id: string }, ctx: TaskContext) => ctx.loaders.task.load(ref.id),
  budget: (task: Task) => toApiMoney(task.budgetAmountMinor, task.budgetCurrency),
  location: (task: Task) => (task.lat === null || task.lng === null ? null : { lat: task.lat, lng: task.lng, address: task.address }),
  poster: (task: Task) => ({ __typename: 'User', id: task.posterId }),
  assignee: (task: Task) => (task.assigneeId ? { __typename: 'User', id: task.assigneeId } : null),
};
