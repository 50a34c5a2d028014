import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Tx } from '@sx/runtime';
import type { Money } from '@sx/core';
import type { BidPatch } from '../domain/bid-draft.js';
import { ACTIVE_BID_STATUSES, type BidStatus } from '../domain/bid-status.js';
import type { TaskReplica } from '../domain/task-replica.js';
import { bids, type BidRow } from './tables.js';
import { lockTaskReplicaOfBid } from './task-replica-queries.js';

/** The partial unique index behind "one standing bid per tasker per task". */
export const ONE_ACTIVE_BID_INDEX = 'bids_one_active_per_tasker';

export async function insertBid(tx: Tx, bid: { taskId: string; taskerId: string; amount: Money; message: string }): Promise<BidRow> {
  const [row] = await tx
    .insert(bids)
    .values({ taskId: bid.taskId, taskerId: bid.taskerId, amountMinor: bid.amount.amountMinor, currency: bid.amount.currency, message: bid.message })
    .returning();
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  return row;
}

/** Whether the tasker already holds a standing bid on the task (the index is the final word). */
export async function hasActiveBid(tx: Tx, taskId: string, taskerId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: bids.id })
    .from(bids)
    .where(and(eq(bids.taskId, taskId), eq(bids.taskerId, taskerId), inArray(bids.status, [...ACTIVE_BID_STATUSES])))
    .limit(1);
  return rows.length > 0;
}

/**
 * Locks a bid's row, with its task's replica locked first (`replicaLock`: FOR SHARE for the
 * bid's own writes, FOR UPDATE for acceptBid and the saga's handlers) — always the replica
 * before the bid, as the task-event handlers do, so the two cannot deadlock. Null when there
 * is no such bid; the caller has checked that `id` is a uuid.
 */
export async function lockBid(
  tx: Tx,
  id: string,
  replicaLock: 'share' | 'update',
): Promise<{ bid: BidRow; task: TaskReplica | null } | null> {
  const task = await lockTaskReplicaOfBid(tx, id, replicaLock);
  const [bid] = await tx.select().from(bids).where(eq(bids.id, id)).for('update');
  return bid ? { bid, task } : null;
}

/** Writes a change of amount and/or message to a locked bid; the caller has checked it may. */
export async function writeBidPatch(tx: Tx, bid: BidRow, patch: BidPatch): Promise<BidRow> {
  const [row] = await tx
    .update(bids)
    .set({
      updatedAt: sql`now()`,
      ...(patch.amount ? { amountMinor: patch.amount.amountMinor, currency: patch.amount.currency } : {}),
      ...(patch.message !== undefined ? { message: patch.message } : {}),
    })
    .where(eq(bids.id, bid.id))
    .returning();
  if (!row) throw new Error(`bid ${bid.id} vanished while locked`);
  return row;
}

/** Moves a locked bid to `to`; the caller has checked the move is allowed. */
export async function writeBidStatus(tx: Tx, bid: BidRow, to: BidStatus): Promise<BidRow> {
  const [row] = await tx
    .update(bids)
    .set({ status: to, updatedAt: sql`now()` })
    .where(and(eq(bids.id, bid.id), eq(bids.status, bid.status)))
    .returning();
  if (!row) throw new Error(`bid ${bid.id} changed while locked`);
  return row;
}

/**
 * Rejects every bid of a task still waiting for a decision (PENDING, or ACCEPTING while its
 * hold is decided), but `exceptBidId`, in one statement; returns the rejected bids.
 */
export async function rejectUndecidedBids(tx: Tx, taskId: string, exceptBidId: string | null = null): Promise<BidRow[]> {
  return tx
    .update(bids)
    .set({ status: 'REJECTED', updatedAt: sql`now()` })
    .where(and(eq(bids.taskId, taskId), inArray(bids.status, ['PENDING', 'ACCEPTING']), exceptBidId ? ne(bids.id, exceptBidId) : undefined))
    .returning();
}
