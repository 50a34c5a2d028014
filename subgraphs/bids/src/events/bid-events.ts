import {
  appendEvent,
  bidAccepted,
  bidAcceptFailed,
  bidAcceptRequested,
  bidPlaced,
  bidRejected,
  bidUpdated,
  bidWithdrawn,
  type Actor,
  type Executor,
} from '@sx/events';
import { sql } from 'drizzle-orm';
import { outbox, taskReplica, type BidRow } from '../db/tables.js';
import type { AcceptFailureReason } from '../domain/accept-bid.js';

const SERVICE = 'bids';

const idsOf = (bid: BidRow) => ({ bidId: bid.id, taskId: bid.taskId, taskerId: bid.taskerId });

/**
 * The bid's ids and its task's poster, from the replica (read in the writer's transaction): a
 * bid event names both people it concerns, so live subscriptions route it without asking bids.
 */
async function partiesOf(tx: Executor, bid: BidRow) {
  const { rows } = await tx.execute<{ poster_id: string }>(
    sql`SELECT ${taskReplica.posterId} AS poster_id FROM ${taskReplica} WHERE ${taskReplica.taskId} = ${bid.taskId}`,
  );
  const posterId = rows[0]?.poster_id;
  return { ...idsOf(bid), ...(posterId ? { posterId } : {}) };
}
const amountOf = (bid: BidRow) => ({ amountMinor: bid.amountMinor, currency: bid.currency });

/** Each is written in the transaction that changed the bid, after the write (under its row lock). */
export async function recordBidPlaced(tx: Executor, bid: BidRow, actor: Actor) {
  return appendEvent(tx, outbox, bidPlaced, { ...(await partiesOf(tx, bid)), amount: amountOf(bid), message: bid.message }, { service: SERVICE, actor });
}

export async function recordBidUpdated(tx: Executor, bid: BidRow, actor: Actor) {
  return appendEvent(tx, outbox, bidUpdated, { ...(await partiesOf(tx, bid)), amount: amountOf(bid), message: bid.message }, { service: SERVICE, actor });
}

export async function recordBidWithdrawn(tx: Executor, bid: BidRow, actor: Actor) {
  return appendEvent(tx, outbox, bidWithdrawn, await partiesOf(tx, bid), { service: SERVICE, actor });
}

export async function recordBidRejected(
  tx: Executor,
  bid: BidRow,
  reason: 'TASK_CANCELLED' | 'OTHER_BID_ACCEPTED' | 'TASK_CLOSED',
  opts: { actor: Actor; traceparent: string | null },
) {
  return appendEvent(tx, outbox, bidRejected, { ...(await partiesOf(tx, bid)), reason }, { service: SERVICE, ...opts });
}

/** Saga steps that follow another domain's event carry that event's trace. */
interface Cause {
  actor: Actor;
  traceparent: string | null;
}

/** The poster accepted the bid: wallet holds its amount from the poster's wallet in escrow. */
export function recordAcceptRequested(tx: Executor, bid: BidRow, posterId: string, actor: Actor) {
  return appendEvent(tx, outbox, bidAcceptRequested, { ...idsOf(bid), posterId, amount: amountOf(bid) }, { service: SERVICE, actor });
}

export async function recordBidAccepted(tx: Executor, bid: BidRow, paymentId: string, cause: Cause) {
  return appendEvent(tx, outbox, bidAccepted, { ...(await partiesOf(tx, bid)), paymentId }, { service: SERVICE, ...cause });
}

export async function recordAcceptFailed(tx: Executor, bid: BidRow, reason: AcceptFailureReason, cause: Cause) {
  return appendEvent(tx, outbox, bidAcceptFailed, { ...(await partiesOf(tx, bid)), reason }, { service: SERVICE, ...cause });
}
