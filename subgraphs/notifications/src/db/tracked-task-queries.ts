import { and, eq, gt, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '@sx/runtime';
import { reminders, trackedTasks, type TrackedTaskRow } from './tables.js';

/** A posted task starts being tracked; a replay changes nothing. */
export async function trackTask(tx: Tx, row: { taskId: string; posterId: string; status: string; dueAt: Date | null }): Promise<void> {
  await tx.insert(trackedTasks).values(row).onConflictDoNothing();
}

/** Applies what a later event says (status, assignee, due date, done time) to a tracked task. */
export async function updateTrackedTask(tx: Tx, taskId: string, set: Partial<Pick<TrackedTaskRow, 'status' | 'assigneeId' | 'dueAt' | 'doneAt'>>): Promise<void> {
  await tx.update(trackedTasks).set(set).where(eq(trackedTasks.taskId, taskId));
}

/**
 * Tasks whose reminder may be due: ASSIGNED and due within the window, or DONE with the
 * auto-release within it, and not reminded of yet (the rules in domain/reminders.ts decide).
 */
export async function findReminderCandidates(tx: Tx, opts: { now: Date; windowMs: number; autoReleaseAfterMs: number }): Promise<TrackedTaskRow[]> {
  const until = new Date(opts.now.getTime() + opts.windowMs);
  const releaseFrom = new Date(opts.now.getTime() - opts.autoReleaseAfterMs);
  const releaseUntil = new Date(until.getTime() - opts.autoReleaseAfterMs);
  const notReminded = (kind: string) => sql`NOT EXISTS (SELECT 1 FROM ${reminders} WHERE ${reminders.taskId} = ${trackedTasks.taskId} AND ${reminders.kind} = ${kind})`;
  return tx
    .select()
    .from(trackedTasks)
    .where(
      or(
        and(eq(trackedTasks.status, 'ASSIGNED'), gt(trackedTasks.dueAt, opts.now), lte(trackedTasks.dueAt, until), notReminded('TASK_DUE_SOON')),
        and(eq(trackedTasks.status, 'DONE'), gt(trackedTasks.doneAt, releaseFrom), lte(trackedTasks.doneAt, releaseUntil), notReminded('AUTO_RELEASE_SOON')),
      ),
    )
    .limit(500);
}

/**
 * Claims the reminder of (task, kind): true for exactly one caller ever, even with two job
 * instances racing (the second waits for the first's insert, then finds the conflict).
 */
export async function claimReminder(tx: Tx, taskId: string, kind: string): Promise<boolean> {
  const rows = await tx.insert(reminders).values({ taskId, kind }).onConflictDoNothing().returning({ taskId: reminders.taskId });
  return rows.length === 1;
}
