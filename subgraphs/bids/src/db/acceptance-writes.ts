import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { ACCEPTANCE_STATUSES, type AcceptFailureReason, type ChosenBid } from '../domain/accept-bid.js';
import type { BidStatus } from '../domain/bid-status.js';
import { bids, type BidRow } from './tables.js';
import type { Tx } from '@sx/runtime';

/**
 * The bid of a task, other than `bidId`, that is being or was accepted. Read while holding the
 * task's replica row FOR UPDATE, so a concurrent accept of another bid has either committed
 * (and is seen here) or waits behind this one.
 */
export async function findChosenBid(tx: Tx, taskId: string, bidId: string): Promise<ChosenBid | null> {
  const [row] = await tx
    .select({ id: bids.id, status: bids.status })
    .from(bids)
    .where(and(eq(bids.taskId, taskId), ne(bids.id, bidId), inArray(bids.status, [...ACCEPTANCE_STATUSES])))
    .limit(1);
  return row ?? null;
}

/** A move of a locked bid from `from` to `to`, with extra columns to set. */
interface BidMove {
  bid: BidRow;
  from: BidStatus;
  to: BidStatus;
  extra?: Partial<typeof bids.$inferInsert>;
}

/** Moves a locked bid; fails loudly if it moved meanwhile. */
async function moveBid(tx: Tx, move: BidMove): Promise<BidRow> {
  const { bid, from, to, extra = {} } = move;
  const [row] = await tx
    .update(bids)
    .set({ status: to, updatedAt: sql`now()`, ...extra })
    .where(and(eq(bids.id, bid.id), eq(bids.status, from)))
    .returning();
  if (!row) throw new Error(`bid ${bid.id} is not ${from} any more`);
  return row;
}

/** PENDING → ACCEPTING: the hold is being asked for; an earlier failure no longer applies. */
export function markBidAccepting(tx: Tx, bid: BidRow): Promise<BidRow> {
  return moveBid(tx, { bid, from: 'PENDING', to: 'ACCEPTING', extra: { lastAcceptFailure: null, lastAcceptFailureAt: null } });
}

/** ACCEPTING → ACCEPTED: the task was assigned to the bid's tasker. */
export function markBidAccepted(tx: Tx, bid: BidRow): Promise<BidRow> {
  return moveBid(tx, { bid, from: 'ACCEPTING', to: 'ACCEPTED' });
}

/** ACCEPTING → PENDING: the hold was declined; the poster sees why and when. */
export function markAcceptFailed(tx: Tx, failure: { bid: BidRow; reason: AcceptFailureReason; at: Date }): Promise<BidRow> {
  const { bid, reason, at } = failure;
  return moveBid(tx, { bid, from: 'ACCEPTING', to: 'PENDING', extra: { lastAcceptFailure: reason, lastAcceptFailureAt: at } });
}
