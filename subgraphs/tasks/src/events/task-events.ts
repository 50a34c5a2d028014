import { appendEvent, taskCancelled, taskPosted, taskUpdated, type Actor, type Executor } from '@sx/events';
import type { Task } from '../db/task-columns.js';
import { outbox } from '../db/tables.js';

/** The outbox's service name (its NOTIFY channel). */
export const SERVICE = 'tasks';

const budgetOf = (task: Task) => ({ amountMinor: task.budgetAmountMinor, currency: task.budgetCurrency });
const dueAtOf = (task: Task) => task.dueAt?.toISOString() ?? null;

/** Written in the transaction that inserted the task. */
export function recordTaskPosted(tx: Executor, task: Task, actor: Actor) {
  return appendEvent(
    tx,
    outbox,
    taskPosted,
    { taskId: task.id, posterId: task.posterId, status: task.status, budget: budgetOf(task), dueAt: dueAtOf(task) },
    { service: SERVICE, actor },
  );
}

/** Written in the transaction that edited the task (under its row lock). */
export function recordTaskUpdated(tx: Executor, task: Task, actor: Actor) {
  return appendEvent(
    tx,
    outbox,
    taskUpdated,
    { taskId: task.id, posterId: task.posterId, status: task.status, budget: budgetOf(task), dueAt: dueAtOf(task) },
    { service: SERVICE, actor },
  );
}

export function recordTaskCancelled(tx: Executor, task: Task, previousStatus: Task['status'], actor: Actor) {
  return appendEvent(tx, outbox, taskCancelled, { taskId: task.id, posterId: task.posterId, previousStatus }, { service: SERVICE, actor });
}
