import { eq } from 'drizzle-orm';
import type { Tx } from '@sx/runtime';
import { taskParticipants } from './tables.js';

/** Remembers who an assigned task's parties are (first assignment wins: a task is assigned once). */
export async function rememberParticipants(tx: Tx, row: { taskId: string; posterId: string; assigneeId: string }): Promise<void> {
  await tx.insert(taskParticipants).values(row).onConflictDoNothing();
}

/** The assignee of a task, if it was ever assigned. */
export async function findAssignee(tx: Tx, taskId: string): Promise<string | null> {
  const rows = await tx.select({ assigneeId: taskParticipants.assigneeId }).from(taskParticipants).where(eq(taskParticipants.taskId, taskId)).limit(1);
  return rows[0]?.assigneeId ?? null;
}
