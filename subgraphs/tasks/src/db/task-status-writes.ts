import { and, eq, sql } from 'drizzle-orm';
import { Conflict } from '@sx/runtime';
import { transition, type TaskStatus } from '../domain/task-status.js';
import { taskColumns, type Task } from './task-columns.js';
import { tasks } from './tables.js';
import type { Tx } from './task-writes.js';

/**
 * The only writer of `tasks.status`: the state machine approves the step, then the row is
 * compare-and-set on the status it was read with, so a concurrent change cannot be overwritten.
 * Moving to ASSIGNED names the assignee.
 */
export async function writeTaskStatus(tx: Tx, task: Task, to: TaskStatus, opts: { assigneeId?: string } = {}): Promise<Task> {
  const next = transition(task.status, to);
  if (next === 'ASSIGNED' && !opts.assigneeId) throw new Error(`assigning task ${task.id} needs an assignee`);
  const [row] = await tx
    .update(tasks)
    .set({ status: next, updatedAt: sql`now()`, ...(opts.assigneeId ? { assigneeId: opts.assigneeId } : {}) })
    .where(and(eq(tasks.id, task.id), eq(tasks.status, task.status)))
    .returning(taskColumns);
  if (!row) throw new Conflict('This task changed while you were acting on it; load it again and retry.');
  return row;
}
