import { eq } from 'drizzle-orm';
import type { CompletedTask } from '../domain/leave-review.js';
import { completedTasks } from './tables.js';
import type { Tx } from '@sx/runtime';

/**
 * Records a completed task once: a second `tasks.task.completed` for it (a replayed outbox,
 * the auto-release job racing the poster) changes nothing. Returns whether the row is new.
 */
export async function recordCompletedTask(tx: Tx, task: CompletedTask): Promise<boolean> {
  const inserted = await tx.insert(completedTasks).values(task).onConflictDoNothing({ target: completedTasks.taskId }).returning({
    taskId: completedTasks.taskId,
  });
  return inserted.length > 0;
}

/** The task as reviews knows it, or null when it is not (yet) known to be completed. */
export async function findCompletedTask(tx: Tx, taskId: string): Promise<CompletedTask | null> {
  const [row] = await tx.select().from(completedTasks).where(eq(completedTasks.taskId, taskId));
  return row ?? null;
}

/**
 * The task FOR UPDATE: both participants' leaveReview serialise on it, so the second one to
 * commit always sees the first one's review and reveals both (neither can miss the other).
 */
export async function lockCompletedTask(tx: Tx, taskId: string): Promise<CompletedTask | null> {
  const [row] = await tx.select().from(completedTasks).where(eq(completedTasks.taskId, taskId)).for('update');
  return row ?? null;
}
