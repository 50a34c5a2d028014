import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@sx/runtime';
import { completedTasks, reviews, type ReviewRow } from './tables.js';

/**
 * Reveals a task's hidden reviews once both participants have reviewed (two rows for the task).
 * Only rows still hidden change, so a reveal that raced the job emits each review's event once.
 */
export async function revealWhenBothIn(tx: Tx, taskId: string): Promise<ReviewRow[]> {
  const revealed = await tx
    .update(reviews)
    .set({ revealedAt: sql`now()` })
    .where(
      and(
        eq(reviews.taskId, taskId),
        isNull(reviews.revealedAt),
        sql`(SELECT count(*) FROM ${reviews} AS r2 WHERE r2.task_id = ${taskId}) = 2`,
      ),
    )
    .returning();
  // Oldest first, so the events tell the reveals in the order the reviews came.
  return revealed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

/**
 * One batch of hidden reviews whose task completed at or before `cutoff`, revealed. Rows are
 * taken FOR UPDATE SKIP LOCKED, so two runs (or two instances) share the work instead of waiting.
 */
export async function revealDueReviews(tx: Tx, opts: { cutoff: Date; limit: number }): Promise<ReviewRow[]> {
  // Raw SQL: FOR UPDATE OF needs the alias, and drizzle's builder names the schema-qualified table.
  const due = (
    await tx.execute<{ id: string }>(sql`
      SELECT r.id FROM ${reviews} AS r JOIN ${completedTasks} AS t ON t.task_id = r.task_id
      WHERE r.revealed_at IS NULL AND t.completed_at <= ${opts.cutoff.toISOString()}
      ORDER BY t.completed_at, r.id
      LIMIT ${opts.limit}
      FOR UPDATE OF r SKIP LOCKED`)
  ).rows;
  if (due.length === 0) return [];
  return tx
    .update(reviews)
    .set({ revealedAt: sql`now()` })
    .where(and(inArray(reviews.id, due.map((r) => r.id)), isNull(reviews.revealedAt)))
    .returning();
}
