import type { NotificationDraft } from './notification-kind.js';

export const REMINDER_WINDOW_MS = 24 * 3_600_000;

/** A task as the reminders job sees it. */
export interface TrackedTask {
  taskId: string;
  posterId: string;
  assigneeId: string | null;
  status: string;
  dueAt: Date | null;
  doneAt: Date | null;
}

/** An ASSIGNED task due within the window (not already past due): both parties are reminded. */
export function isDueSoon(task: TrackedTask, now: Date): boolean {
  if (task.status !== 'ASSIGNED' || !task.dueAt) return false;
  const left = task.dueAt.getTime() - now.getTime();
  return left > 0 && left <= REMINDER_WINDOW_MS;
}

/** A DONE task whose auto-release falls within the window: the poster is warned. */
export function isAutoReleaseSoon(task: TrackedTask, now: Date, autoReleaseAfterMs: number): boolean {
  if (task.status !== 'DONE' || !task.doneAt) return false;
  const left = task.doneAt.getTime() + autoReleaseAfterMs - now.getTime();
  return left > 0 && left <= REMINDER_WINDOW_MS;
}

export function dueSoonNotifications(task: TrackedTask): NotificationDraft[] {
  const about = { taskId: task.taskId, bidId: null, paymentId: null };
  const when = task.dueAt ? task.dueAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : 'soon';
  const drafts: NotificationDraft[] = [
    { recipientId: task.posterId, kind: 'TASK_DUE_SOON', title: 'Your task is due soon', body: `The task you posted is due ${when}.`, ...about },
  ];
  if (task.assigneeId) {
    drafts.unshift({ recipientId: task.assigneeId, kind: 'TASK_DUE_SOON', title: 'A task of yours is due soon', body: `The task you are assigned is due ${when}; mark it done once the work is finished.`, ...about });
  }
  return drafts;
}

export function autoReleaseSoonNotifications(task: TrackedTask): NotificationDraft[] {
  return [
    {
      recipientId: task.posterId,
      kind: 'AUTO_RELEASE_SOON',
      title: 'Confirm the work within 24 hours',
      body: 'The tasker marked the work done. Unless you act, the task completes automatically within 24 hours and the payment is released.',
      taskId: task.taskId,
      bidId: null,
      paymentId: null,
    },
  ];
}
