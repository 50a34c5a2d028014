import { canSeeTask, type TaskModeration, type TaskViewer } from './task-visibility.js';

/** The title shown in place of a hidden task's own to those who may not see it. */
export const WITHHELD_TITLE = 'Hidden task';

/** What a task's poster wrote and where it is: the content a moderator hides a task for. */
export interface TaskContent {
  title: string;
  description: string;
  lat: number | null;
  lng: number | null;
  address: string | null;
  hiddenReason: string | null;
}

/**
 * A hidden task without its content: a neutral title, an empty description, no location (and no
 * hiding reason). Id, status, hidden, category, budget, dates and parties stay, so that a review,
 * a bid or a notification that names the task still makes sense. A copy: the row belongs to the
 * request's DataLoader, and the task's parties may read it in the same request.
 */
export function withheldTask<T extends TaskContent>(task: T): T {
  return { ...task, title: WITHHELD_TITLE, description: '', lat: null, lng: null, address: null, hiddenReason: null };
}

/**
 * A task reached through another object (an entity reference, a question, an event): whole for
 * those who may see it, withheld for anyone else. Such paths cannot answer null as `task(id)`
 * does — Review.task and Bid.task are non-null — so the content goes instead of the task.
 */
export function taskSeenBy<T extends TaskContent & TaskModeration>(viewer: TaskViewer, task: T): T {
  return canSeeTask(viewer, task) ? task : withheldTask(task);
}
