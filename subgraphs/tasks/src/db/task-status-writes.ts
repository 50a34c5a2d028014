import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { Conflict } from '@sx/core';
import { transition, type TaskStatus } from '../domain/task-status.js';
import { taskColumns, type Task } from './task-columns.js';
import { tasks } from './tables.js';
import type { Tx } from '@sx/runtime';

/** Who a task is assigned to, and the accepted bid and escrow payment that did it. */
export interface Assignment {
  assigneeId: string;
  bidId: string;
  paymentId: string;
  /** What wallet holds for it (wallet.escrow.held); a dispute's split must add up to it. */
  escrowAmountMinor: number;
  escrowCurrency: string;
}

/** ASSIGNED → OPEN (the assignee withdrew): the task takes bids again, with no assignee or payment. */
const UNASSIGNED = { assigneeId: null, bidId: null, paymentId: null, escrowAmountMinor: null, escrowCurrency: null } as const;

/**
 * The only writer of `tasks.status`: the state machine approves the step, then the row is
 * compare-and-set on the status it was read with, so a concurrent change cannot be overwritten.
 * Moving to ASSIGNED needs the assignment; DONE and COMPLETED stamp their time.
 */
export async function writeTaskStatus(tx: Tx, change: { task: Task; to: TaskStatus; assignment?: Assignment }): Promise<Task> {
  const { task, to, assignment } = change;
  const next = transition(task.status, to);
  const changes: PgUpdateSetSource<typeof tasks> = { status: next, updatedAt: sql`now()` };
  // A dismissed dispute returns to ASSIGNED with the assignment it kept; only OPEN → ASSIGNED assigns.
  if (next === 'ASSIGNED' && task.status === 'OPEN') {
    if (!assignment) throw new Error(`assigning task ${task.id} needs an assignment`);
    Object.assign(changes, assignment);
  }
  if (next === 'OPEN') Object.assign(changes, UNASSIGNED);
  // A dismissed dispute sends a DONE task back to DONE with its clock as it was.
  if (next === 'DONE' && task.status !== 'DISPUTED') changes.doneAt = sql`now()`;
  if (next === 'COMPLETED') {
    changes.completedAt = sql`now()`;
    // A dispute resolved on an ASSIGNED task completes it without a DONE step.
    changes.doneAt = sql`coalesce(${tasks.doneAt}, now())`;
  }
  const [row] = await tx
    .update(tasks)
    .set(changes)
    .where(and(eq(tasks.id, task.id), eq(tasks.status, task.status)))
    .returning(taskColumns);
  if (!row) throw new Conflict('TASK_CHANGED', 'This task changed while you were acting on it; load it again and retry.');
  return row;
}
