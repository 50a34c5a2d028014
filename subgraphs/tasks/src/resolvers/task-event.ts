import { isPublicTaskEvent, TASK_EVENT_KINDS, taskEventParties } from '@sx/events';
import { isAdmin } from '@sx/core';
import { viewerOf } from '../domain/task-visibility.js';
import { taskSeenBy } from '../domain/withheld-task.js';
import type { QueryResolvers, TaskEventKind } from '../generated/resolvers-types.js';
import type { Task } from '../loaders.js';

/** TaskEvent as its resolvers receive it; `task` is resolved by the Task type's own resolvers. */
export interface TaskEventView {
  id: string;
  cursor: string;
  kind: TaskEventKind;
  task: Task;
  occurredAt: string;
}

/**
 * Query.taskEvent: one of tasks' own events, read back from its outbox. Anyone may read the
 * events of an OPEN task (and the one that closes it); later ones only its poster, its
 * assignee and admins. `cursor` is the event id here; the gateway puts the stream position in
 * its place.
 */
export const taskEventQuery: NonNullable<QueryResolvers['taskEvent']> = async (_root, args, ctx) => {
  const event = await ctx.loaders.ownEvent(args.id);
  const kind = event ? (TASK_EVENT_KINDS[event.type] as TaskEventKind | undefined) : undefined;
  if (!event || !kind) return null;
  const viewer = ctx.identity.userId;
  const isParty = viewer !== null && taskEventParties(event).includes(viewer);
  if (!isParty && !isAdmin(ctx.identity) && !isPublicTaskEvent(event)) return null;
  const task = await ctx.loaders.task.load((event.data as { taskId: string }).taskId);
  if (!task) return null;
  // An OPEN task's events are public; once it is hidden, its content is not.
  return { id: event.id, cursor: event.id, kind, task: taskSeenBy(viewerOf(ctx.identity), task), occurredAt: event.occurredAt };
};
