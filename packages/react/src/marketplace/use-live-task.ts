import { TaskDocument, TaskEventsDocument, type SxError } from '@sx/sdk';
import { useSubscription } from '../use-subscription.js';
import { useQuery } from '../use-query.js';
import { newerTask, taskView, type TaskView } from './task-view.js';

export interface LiveTask {
  /** The task as last fetched or as its latest event shows it, whichever is newer. */
  task: TaskView | null;
  /** The API has no such task (or it is hidden from this viewer). */
  missing: boolean;
  loading: boolean;
  refreshing: boolean;
  /** Why the fetch failed, or why live updates stopped. */
  error: SxError | null;
  refresh(): Promise<unknown>;
}

/** One task, fetched and kept current by `taskEvents` (status, assignee, edits). */
export function useLiveTask(taskId: string): LiveTask {
  // Subscribed before the fetch is sent: a change in between arrives as an event.
  const live = useSubscription(TaskEventsDocument, { taskId });
  const fetched = useQuery(TaskDocument, { id: taskId });
  const fromFetch = fetched.data?.task ? taskView(fetched.data.task) : null;
  const fromEvent = live.data ? taskView(live.data.taskEvents.task) : null;
  return {
    task: newerTask(fromFetch, fromEvent),
    missing: fetched.data !== null && fetched.data.task === null && fromEvent === null,
    loading: fetched.loading,
    refreshing: fetched.refreshing,
    error: fetched.error ?? live.error,
    refresh: fetched.refresh,
  };
}
