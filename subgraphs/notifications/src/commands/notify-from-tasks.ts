import type { EventHandler, PayloadOf, reviewLeft, taskAssigned, taskCancelled, taskCompleted, taskDone } from '@sx/events';
import { findAssignee, rememberParticipants } from '../db/participant-queries.js';
import { updateTrackedTask } from '../db/tracked-task-queries.js';
import {
  reviewLeftNotifications,
  taskAssignedNotifications,
  taskCancelledNotifications,
  taskCompletedNotifications,
  taskDoneNotifications,
} from '../domain/task-notifications.js';
import { storeNotifications, type NotifySettings } from './store-notifications.js';

/** tasks.task.assigned → TASK_ASSIGNED for the poster; the assignee is remembered for a later cancellation. */
export const notifyTaskAssigned =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof taskAssigned>> =>
  async (tx, event, log) => {
    const { taskId, posterId, assigneeId } = event.data;
    await rememberParticipants(tx, { taskId, posterId, assigneeId });
    await updateTrackedTask(tx, taskId, { status: 'ASSIGNED', assigneeId });
    await storeNotifications(tx, event, log, taskAssignedNotifications(event.data), settings);
  };

/** tasks.task.done → TASK_DONE for the poster. */
export const notifyTaskDone =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof taskDone>> =>
  async (tx, event, log) => {
    // The auto-release counts from when the work was marked done.
    await updateTrackedTask(tx, event.data.taskId, { status: 'DONE', doneAt: new Date(event.occurredAt) });
    await storeNotifications(tx, event, log, taskDoneNotifications(event.data), settings);
  };

/** tasks.task.completed → TASK_COMPLETED for the assignee (and the poster after an auto-release). */
export const notifyTaskCompleted =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof taskCompleted>> =>
  async (tx, event, log) => {
    await updateTrackedTask(tx, event.data.taskId, { status: 'COMPLETED' });
    await storeNotifications(tx, event, log, taskCompletedNotifications(event.data), settings);
  };

/** tasks.task.cancelled → TASK_CANCELLED for the assignee, when the task had one (bidders hear it as BID_REJECTED). */
export const notifyTaskCancelled =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof taskCancelled>> =>
  async (tx, event, log) => {
    await updateTrackedTask(tx, event.data.taskId, { status: 'CANCELLED' });
    const assigneeId = event.data.previousStatus === 'OPEN' ? null : await findAssignee(tx, event.data.taskId);
    await storeNotifications(tx, event, log, taskCancelledNotifications({ taskId: event.data.taskId, assigneeId }), settings);
  };

/** reviews.review.left → REVIEW_RECEIVED for the subject. */
export const notifyReviewLeft =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof reviewLeft>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, reviewLeftNotifications(event.data), settings);
