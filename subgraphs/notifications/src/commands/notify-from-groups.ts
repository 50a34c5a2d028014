import type { EventHandler, groupExpenseAdded, groupInvitationSent, groupShareSettled, groupTaskAssigned, groupTaskCompleted, PayloadOf } from '@sx/events';
import { recipientIdByEmail } from '../db/recipient-queries.js';
import { trackTask, updateTrackedTask } from '../db/tracked-task-queries.js';
import { expenseAddedNotifications, groupInvitationNotifications, groupTaskAssignedNotifications, shareSettledNotifications } from '../domain/group-notifications.js';
import { storeNotifications, type NotifySettings } from './store-notifications.js';

/** groups.invitation.sent → GROUP_INVITATION for the account with the invited address, if any. */
export const notifyGroupInvitation =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof groupInvitationSent>> =>
  async (tx, event, log) =>
    storeNotifications(tx, event, log, groupInvitationNotifications(event.data, await recipientIdByEmail(tx, event.data.email)), settings);

/**
 * groups.task.assigned → GROUP_TASK_ASSIGNED for the assignee, and the task is tracked so the
 * reminders job sends TASK_DUE_SOON before its due date, as for marketplace tasks.
 */
export const notifyGroupTaskAssigned =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof groupTaskAssigned>> =>
  async (tx, event, log) => {
    const { taskId, posterId, assigneeId, dueAt } = event.data;
    await trackTask(tx, { taskId, posterId, status: 'ASSIGNED', dueAt: dueAt ? new Date(dueAt) : null });
    await updateTrackedTask(tx, taskId, { assigneeId });
    await storeNotifications(tx, event, log, groupTaskAssignedNotifications(event.data), settings);
  };

/** groups.task.completed → no more reminders for it. */
export const untrackGroupTask: EventHandler<PayloadOf<typeof groupTaskCompleted>> = async (tx, event) => {
  await updateTrackedTask(tx, event.data.taskId, { status: 'COMPLETED' });
};

/** groups.expense.added → EXPENSE_ADDED for each member who owes a share. */
export const notifyExpenseAdded =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof groupExpenseAdded>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, expenseAddedNotifications(event.data), settings);

/** groups.share.settled → SHARE_SETTLED for the other side of the share. */
export const notifyShareSettled =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof groupShareSettled>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, shareSettledNotifications(event.data), settings);
