import { appendEvent, buildEnvelope, outboxChannel, taskAssigned, taskAssignmentRefused, taskCompleted, taskDone, type Actor, type Executor, type PayloadOf } from '@sx/events';
import type { Task } from '../db/task-columns.js';
import { outbox } from '../db/tables.js';
import { SERVICE } from './task-events.js';

// The tasks side of the bid → payment saga (docs/saga.md); each is appended in the transaction
// that changed the task, after the change, under the task's row lock.

export interface EventCause {
  actor: Actor;
  /** The trace of the request or event that caused this one, when there was one. */
  traceparent?: string | null;
}

/** An assigned, done or completed task always has its assignee (CHECK tasks_assignment_paid). */
function assigneeOf(task: Task): string {
  if (!task.assigneeId) throw new Error(`task ${task.id} is ${task.status} without an assignee`);
  return task.assigneeId;
}

export function recordTaskAssigned(tx: Executor, task: Task, cause: EventCause) {
  if (!task.bidId || !task.paymentId) throw new Error(`task ${task.id} was assigned without its bid and payment`);
  const data = { taskId: task.id, posterId: task.posterId, assigneeId: assigneeOf(task), bidId: task.bidId, paymentId: task.paymentId };
  return appendEvent(tx, outbox, taskAssigned, data, { service: SERVICE, ...cause });
}

/**
 * The tasks.task.assigned event of an assignment written in one statement
 * (db/assign-in-one-statement.ts), built and validated here from the hold that causes it.
 */
export function taskAssignedEnvelope(data: PayloadOf<typeof taskAssigned>, cause: EventCause) {
  const event = buildEnvelope(taskAssigned, data, cause);
  return { event, aggregateId: taskAssigned.aggregateId(event.data), channel: outboxChannel(SERVICE) };
}

/** The hold arrived for a task that is no longer OPEN: wallet refunds it. */
export function recordAssignmentRefused(tx: Executor, task: Task, payment: { bidId: string; paymentId: string }, cause: EventCause) {
  const data: PayloadOf<typeof taskAssignmentRefused> = { taskId: task.id, bidId: payment.bidId, paymentId: payment.paymentId, status: task.status };
  return appendEvent(tx, outbox, taskAssignmentRefused, data, { service: SERVICE, ...cause });
}

export function recordTaskDone(tx: Executor, task: Task, cause: EventCause) {
  return appendEvent(tx, outbox, taskDone, { taskId: task.id, posterId: task.posterId, assigneeId: assigneeOf(task) }, { service: SERVICE, ...cause });
}

/** Wallet releases the escrow on this event. */
export function recordTaskCompleted(tx: Executor, task: Task, completedBy: 'POSTER' | 'AUTO_RELEASE', cause: EventCause) {
  const data = { taskId: task.id, posterId: task.posterId, assigneeId: assigneeOf(task), completedBy };
  return appendEvent(tx, outbox, taskCompleted, data, { service: SERVICE, ...cause });
}
