import { getFragmentData, TaskCardFragmentDoc, TaskDetailFragmentDoc, type FragmentType, type TaskCardFragment, type TaskDetailFragment } from '@sx/sdk';

/** A task page's fields: the TaskDetail fragment with the TaskCard fields it spreads, unmasked. */
export type TaskView = Omit<TaskCardFragment, ' $fragmentName'> & Omit<TaskDetailFragment, ' $fragmentName' | ' $fragmentRefs'>;

export function taskView(masked: FragmentType<typeof TaskDetailFragmentDoc>): TaskView {
  const detail = getFragmentData(TaskDetailFragmentDoc, masked);
  return { ...getFragmentData(TaskCardFragmentDoc, detail), ...detail };
}

/** Whichever state of the task is newer (by updatedAt); an event and a fetch may cross. */
export function newerTask(a: TaskView | null, b: TaskView | null): TaskView | null {
  if (!a || !b) return a ?? b;
  return b.updatedAt > a.updatedAt ? b : a;
}
