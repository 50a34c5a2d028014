import type { NotificationDraft } from './notification-kind.js';

const about = (taskId: string, extra: { bidId?: string; paymentId?: string } = {}) => ({
  taskId,
  bidId: extra.bidId ?? null,
  paymentId: extra.paymentId ?? null,
});

/** tasks.task.assigned: the poster's task has its tasker (the tasker heard it as BID_ACCEPTED). */
export function taskAssignedNotifications(t: { taskId: string; posterId: string; bidId: string; paymentId: string }): NotificationDraft[] {
  return [
    {
      recipientId: t.posterId,
      kind: 'TASK_ASSIGNED',
      title: 'Your task is assigned',
      body: 'The payment is held in escrow and the tasker whose bid you accepted can start.',
      ...about(t.taskId, t),
    },
  ];
}

/** tasks.task.done: the poster is asked to confirm. */
export function taskDoneNotifications(t: { taskId: string; posterId: string }): NotificationDraft[] {
  return [
    {
      recipientId: t.posterId,
      kind: 'TASK_DONE',
      title: 'Work marked done',
      body: 'The tasker says the work is done. Confirm it to release the payment.',
      ...about(t.taskId),
    },
  ];
}

/** tasks.task.completed: the assignee always; the poster too when the auto-release job confirmed it. */
export function taskCompletedNotifications(t: { taskId: string; posterId: string; assigneeId: string; completedBy: string }): NotificationDraft[] {
  const auto = t.completedBy === 'AUTO_RELEASE';
  const forAssignee: NotificationDraft = {
    recipientId: t.assigneeId,
    kind: 'TASK_COMPLETED',
    title: 'Task completed',
    body: auto ? 'The task was completed automatically after the confirmation period.' : 'The poster confirmed your work.',
    ...about(t.taskId),
  };
  if (!auto) return [forAssignee];
  return [
    forAssignee,
    {
      recipientId: t.posterId,
      kind: 'TASK_COMPLETED',
      title: 'Task completed automatically',
      body: 'You did not confirm or dispute the work in time, so the task was completed and the payment released.',
      ...about(t.taskId),
    },
  ];
}

/** tasks.task.cancelled: the assignee, when the task had one (the event names only the poster). */
export function taskCancelledNotifications(t: { taskId: string; assigneeId: string | null }): NotificationDraft[] {
  if (!t.assigneeId) return [];
  return [
    {
      recipientId: t.assigneeId,
      kind: 'TASK_CANCELLED',
      title: 'Task cancelled',
      body: 'The poster cancelled the task you were assigned; the payment went back to them.',
      ...about(t.taskId),
    },
  ];
}

/**
 * reviews.review.left: the subject of the review. Reviews are blind, so the notification says a
 * review exists, never its rating: the subject reads it once they have reviewed back.
 */
export function reviewLeftNotifications(r: { taskId: string; subjectId: string }): NotificationDraft[] {
  return [
    {
      recipientId: r.subjectId,
      kind: 'REVIEW_RECEIVED',
      title: 'You received a review',
      body: 'The other side of a completed task reviewed you. Leave your review to see theirs; both show once you do, or when the 14-day review window closes.',
      ...about(r.taskId),
    },
  ];
}
