import { DateTimeScalar, type Db } from '@sx/runtime';
import type { Resolvers } from '../generated/resolvers-types.js';
import { cancelTask } from './mutation/cancel-task.js';
import { confirmTaskCompletion } from './mutation/confirm-task-completion.js';
import { markTaskDone } from './mutation/mark-task-done.js';
import { postTask } from './mutation/post-task.js';
import { updateTask } from './mutation/update-task.js';
import { taskEventQuery } from '../live/task-event.js';
import { queryFields } from './query.js';
import { taskFields } from './task-fields.js';
import { userFields } from './user-fields.js';

export function createResolvers(db: Db): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: { ...queryFields(db), taskEvent: taskEventQuery(db) },
    Mutation: {
      postTask: postTask(db),
      updateTask: updateTask(db),
      cancelTask: cancelTask(db),
      markTaskDone: markTaskDone(db),
      confirmTaskCompletion: confirmTaskCompletion(db),
    },
    Task: taskFields,
    User: userFields(db),
  };
}
