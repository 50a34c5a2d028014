import {
  appendEvent,
  buildEnvelope,
  outboxChannel,
  bidAccepted,
  bidAcceptFailed,
  bidAcceptRequested,
  bidPlaced,
  bidRejected,
  bidUpdated,
  bidWithdrawn,
  type Actor,
} from '@sx/events';
import type { Tx } from '@sx/runtime';
import { outbox, type BidRow } from '../db/tables.js';
import { findPosterId } from '../db/task-replica-queries.js';
import type { AcceptFailureReason } from '../domain/accept-bid.js';

const SERVICE = 'bids';

const idsOf = (bid: BidRow) => ({ bidId: bid.id, taskId: bid.taskId, taskerId: bid.taskerId });

/**
 * The bid's ids and its task's poster, from the replica (read in the writer's transaction): a
 * bid event names both people it concerns, so live subscriptions route it without asking bids.
 */
async function partiesOf(tx: Tx, bid: BidRow) {
  const posterId = await findPosterId(tx, bid.taskId);
  return { ...idsOf(bid), ...(posterId ? { posterId } : {}) };
}
const amountOf = (bid: BidRow) => ({ amountMinor: bid.amountMinor, currency: bid.currency });

/** Each is written in the transaction that changed the bid, after the write (under its row lock). */
export async function recordBidPlaced(tx: Tx, bid: BidRow, actor: Actor) {
  return appendEvent(tx, outbox, bidPlaced, { ...(await partiesOf(tx, bid)), amount: amountOf(bid), message: bid.message }, { service: SERVICE, actor });
}

export async function recordBidUpdated(tx: Tx, bid: BidRow, actor: Actor) {
  return appendEvent(tx, outbox, bidUpdated, { ...(await partiesOf(tx, bid)), amount: amountOf(bid), message: bid.message }, { service: SERVICE, actor });
}

export async function recordBidWithdrawn(tx: Tx, bid: BidRow, actor: Actor) {
  return appendEvent(tx, outbox, bidWithdrawn, await partiesOf(tx, bid), { service: SERVICE, actor });
}

export async function recordBidRejected(
  tx: Tx,
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
export function recordAcceptRequested(tx: Tx, bid: BidRow, posterId: string, actor: Actor) {
  return appendEvent(tx, outbox, bidAcceptRequested, { ...idsOf(bid), posterId, amount: amountOf(bid) }, { service: SERVICE, actor });
}

export async function recordBidAccepted(tx: Tx, bid: BidRow, paymentId: string, cause: Cause) {
  return appendEvent(tx, outbox, bidAccepted, { ...(await partiesOf(tx, bid)), paymentId }, { service: SERVICE, ...cause });
}

export async function recordAcceptFailed(tx: Tx, bid: BidRow, reason: AcceptFailureReason, cause: Cause) {
  return appendEvent(tx, outbox, bidAcceptFailed, { ...(await partiesOf(tx, bid)), reason }, { service: SERVICE, ...cause });
}

/**
 * The events of a bid accepted in one statement (db/accept-in-one-statement.ts), built and
 * validated here from tasks.task.assigned: bids.bid.accepted whole, and bids.bid.rejected as a
 * template the statement completes for each other bid it rejects (its id, its tasker, a fresh
 * event id — values of the same types, so each stays valid).
 */
export function acceptanceEnvelopes(assigned: { bidId: string; taskId: string; posterId: string; assigneeId: string; paymentId: string }, cause: Cause) {
  const parties = { bidId: assigned.bidId, taskId: assigned.taskId, taskerId: assigned.assigneeId, posterId: assigned.posterId };
  return {
    accepted: buildEnvelope(bidAccepted, { ...parties, paymentId: assigned.paymentId }, cause),
    rejectedTemplate: buildEnvelope(bidRejected, { ...parties, reason: 'OTHER_BID_ACCEPTED' }, cause),
    channel: outboxChannel(SERVICE),
  };
}
