import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@sx/runtime';
import type { DisputeReason, DisputeStatus } from '../domain/dispute-rules.js';
import type { TaskStatus } from '../domain/task-status.js';
import { disputeMessages, disputes, withdrawals, type DisputeMessageRow, type DisputeRow } from './dispute-tables.js';

export interface NewDispute {
  taskId: string;
  paymentId: string;
  openedBy: string;
  reason: DisputeReason;
  details: string;
  previousStatus: TaskStatus;
  currency: string;
}

export async function insertDispute(tx: Tx, row: NewDispute): Promise<DisputeRow> {
  const [inserted] = await tx.insert(disputes).values(row).returning();
  if (!inserted) throw new Error('INSERT … RETURNING gave no dispute');
  return inserted;
}

/** The open dispute of a task (at most one: disputes_one_open_per_task), read under the task's lock. */
export async function findOpenDispute(tx: Tx, taskId: string): Promise<DisputeRow | null> {
  const [row] = await tx
    .select()
    .from(disputes)
    .where(and(eq(disputes.taskId, taskId), eq(disputes.status, 'OPEN')));
  return row ?? null;
}

export async function findDispute(tx: Tx, id: string): Promise<DisputeRow | null> {
  const [row] = await tx.select().from(disputes).where(eq(disputes.id, id));
  return row ?? null;
}

/** OPEN → RESOLVED/DISMISSED, only if still OPEN; the caller holds the task's lock. */
export async function closeDispute(
  tx: Tx,
  dispute: DisputeRow,
  close: { status: Exclude<DisputeStatus, 'OPEN'>; resolvedBy: string; refundMinor: number | null; releaseMinor: number | null },
): Promise<DisputeRow> {
  const [row] = await tx
    .update(disputes)
    .set({ ...close, resolvedAt: sql`now()` })
    .where(and(eq(disputes.id, dispute.id), eq(disputes.status, 'OPEN')))
    .returning();
  if (!row) throw new Error(`dispute ${dispute.id} closed by someone else under the task's lock`);
  return row;
}

export async function insertDisputeMessage(tx: Tx, row: { disputeId: string; authorId: string; body: string }): Promise<DisputeMessageRow> {
  const [inserted] = await tx.insert(disputeMessages).values(row).returning();
  if (!inserted) throw new Error('INSERT … RETURNING gave no message');
  return inserted;
}

export async function insertWithdrawal(tx: Tx, row: { taskId: string; taskerId: string; bidId: string; paymentId: string }): Promise<void> {
  await tx.insert(withdrawals).values(row);
}

/** Whether this escrow payment's assignment ended in the assignee's withdrawal (its hold was refunded). */
export async function wasWithdrawn(tx: Tx, paymentId: string): Promise<boolean> {
  const [row] = await tx.select({ id: withdrawals.id }).from(withdrawals).where(eq(withdrawals.paymentId, paymentId));
  return row !== undefined;
}
