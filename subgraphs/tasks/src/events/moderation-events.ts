import { appendEvent, taskHidden, taskUnhidden, type Actor, type Executor } from '@sx/events';
import type { Task } from '../db/task-columns.js';
import { outbox } from '../db/tables.js';
import { SERVICE } from './task-events.js';

/** Written with the hiding: users records it in the audit log. */
export function recordTaskHidden(tx: Executor, task: Task, args: { reason: string; requestId: string | null; actor: Actor }) {
  return appendEvent(tx, outbox, taskHidden, { taskId: task.id, posterId: task.posterId, reason: args.reason, requestId: args.requestId }, { service: SERVICE, actor: args.actor });
}

export function recordTaskUnhidden(tx: Executor, task: Task, args: { requestId: string | null; actor: Actor }) {
  return appendEvent(tx, outbox, taskUnhidden, { taskId: task.id, posterId: task.posterId, requestId: args.requestId }, { service: SERVICE, actor: args.actor });
}
