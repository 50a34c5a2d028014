import { DateTimeScalar, type Db, type Resolvers } from '@sx/runtime';
import type { TaskLoaders } from '../loaders.js';
import { cancelTask } from './mutation/cancel-task.js';
import { confirmTaskCompletion } from './mutation/confirm-task-completion.js';
import { markTaskDone } from './mutation/mark-task-done.js';
import { postTask } from './mutation/post-task.js';
import { updateTask } from './mutation/update-task.js';
import { queryFields } from './query.js';
import { taskFields } from './task-fields.js';
import { userFields } from './user-fields.js';

export function createResolvers(db: Db): Resolvers<TaskLoaders> {
  return {
    DateTime: DateTimeScalar,
    Query: queryFields(db),
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
