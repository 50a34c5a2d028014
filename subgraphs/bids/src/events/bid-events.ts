import { appendEvent, bidPlaced, bidRejected, bidUpdated, bidWithdrawn, type Actor, type Executor } from '@sx/events';
import type { Identity } from '@sx/runtime';
import type { BidRow } from '../db/tables.js';
import { outbox } from '../db/tables.js';

const SERVICE = 'bids';

export function actorOf(identity: Identity): Actor {
  return identity.userId ? { kind: 'user', id: identity.userId } : { kind: 'system', id: null };
}

const idsOf = (bid: BidRow) => ({ bidId: bid.id, taskId: bid.taskId, taskerId: bid.taskerId });
const amountOf = (bid: BidRow) => ({ amountMinor: bid.amountMinor, currency: bid.currency });

/** Each is written in the transaction that changed the bid, after the write (under its row lock). */
export function recordBidPlaced(tx: Executor, bid: BidRow, actor: Actor) {
  return appendEvent(tx, outbox, bidPlaced, { ...idsOf(bid), amount: amountOf(bid), message: bid.message }, { service: SERVICE, actor });
}

export function recordBidUpdated(tx: Executor, bid: BidRow, actor: Actor) {
  return appendEvent(tx, outbox, bidUpdated, { ...idsOf(bid), amount: amountOf(bid), message: bid.message }, { service: SERVICE, actor });
}

export function recordBidWithdrawn(tx: Executor, bid: BidRow, actor: Actor) {
  return appendEvent(tx, outbox, bidWithdrawn, idsOf(bid), { service: SERVICE, actor });
}

export function recordBidRejected(
  tx: Executor,
  bid: BidRow,
  reason: 'TASK_CANCELLED' | 'OTHER_BID_ACCEPTED' | 'TASK_CLOSED',
  opts: { actor: Actor; traceparent: string | null },
) {
  return appendEvent(tx, outbox, bidRejected, { ...idsOf(bid), reason }, { service: SERVICE, ...opts });
}
