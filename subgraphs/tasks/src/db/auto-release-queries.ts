import { and, asc, lt, sql } from 'drizzle-orm';
import { taskColumns, type Task } from './task-columns.js';
import { tasks } from './tables.js';
import type { Tx } from '@sx/runtime';

/**
 * DONE tasks marked done before `cutoff`, oldest first, locked for the caller's transaction.
 * SKIP LOCKED: a second job run (or instance) takes the next rows instead of waiting for these,
 * and finds them COMPLETED once this transaction commits. The literal 'DONE' lets Postgres use
 * the partial index tasks_done_at_idx.
 */
export function lockDueTasks(tx: Tx, args: { cutoff: Date; limit: number }): Promise<Task[]> {
  return tx
    .select(taskColumns)
    .from(tasks)
    .where(and(sql`${tasks.status} = 'DONE'`, lt(tasks.doneAt, args.cutoff)))
    .orderBy(asc(tasks.doneAt))
    .limit(args.limit)
    .for('update', { skipLocked: true });
}
