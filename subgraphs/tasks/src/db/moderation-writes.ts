import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@sx/runtime';
import { taskColumns, type Task } from './task-columns.js';
import { tasks } from './tables.js';

/** Hides (a reason) or shows (null) a locked task; its status and money are untouched. */
export async function writeTaskHidden(tx: Tx, args: { taskId: string; reason: string | null }): Promise<Task> {
  const [row] = await tx
    .update(tasks)
    .set({ hiddenAt: args.reason === null ? null : sql`now()`, hiddenReason: args.reason, updatedAt: sql`now()` })
    .where(eq(tasks.id, args.taskId))
    .returning(taskColumns);
  if (!row) throw new Error(`task ${args.taskId} vanished under its row lock`);
  return row;
}

/** The replica of a poster's suspension, on every task they posted. Idempotent. */
export async function writePosterSuspended(tx: Tx, args: { posterId: string; suspended: boolean }): Promise<number> {
  const rows = await tx.update(tasks).set({ posterSuspended: args.suspended }).where(eq(tasks.posterId, args.posterId)).returning({ id: tasks.id });
  return rows.length;
}
