import type { EventHandler, PayloadOf, taskPosted, taskUpdated } from '@sx/events';
import { trackTask, updateTrackedTask } from '../db/tracked-task-queries.js';

const dateOrNull = (iso: string | null) => (iso ? new Date(iso) : null);

/** tasks.task.posted → the task is tracked for reminders. */
export const trackPostedTask: EventHandler<PayloadOf<typeof taskPosted>> = async (tx, event) => {
  const { taskId, posterId, status, dueAt } = event.data;
  await trackTask(tx, { taskId, posterId, status, dueAt: dateOrNull(dueAt) });
};

/** tasks.task.updated → a new due date (only an OPEN task can change). */
export const trackUpdatedTask: EventHandler<PayloadOf<typeof taskUpdated>> = async (tx, event) => {
  await updateTrackedTask(tx, event.data.taskId, { status: event.data.status, dueAt: dateOrNull(event.data.dueAt) });
};
