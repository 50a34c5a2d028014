import type { EventEnvelope } from './envelope.js';

/*
 * Which domain events the live subscriptions (bidEvents, paymentEvents, taskEvents) show, and
 * whom each concerns. The owning subgraph uses this to decide who may read an event
 * (Query.*Event) and as what kind; the gateway uses the same facts only to route an event to
 * the subscribers it may concern before asking the subgraph.
 */

/** bids events a subscriber sees, by type; the saga's accept_requested stays internal. */
export const BID_EVENT_KINDS: Readonly<Record<string, string>> = {
  'bids.bid.placed': 'PLACED',
  'bids.bid.updated': 'UPDATED',
  'bids.bid.withdrawn': 'WITHDRAWN',
  'bids.bid.accepted': 'ACCEPTED',
  'bids.bid.rejected': 'REJECTED',
  'bids.bid.accept_failed': 'ACCEPT_FAILED',
};

/** tasks events a subscriber sees, by type; assignment_refused is the saga's own business. */
export const TASK_EVENT_KINDS: Readonly<Record<string, string>> = {
  'tasks.task.posted': 'POSTED',
  'tasks.task.updated': 'UPDATED',
  'tasks.task.cancelled': 'CANCELLED',
  'tasks.task.assigned': 'ASSIGNED',
  'tasks.task.done': 'DONE',
  'tasks.task.completed': 'COMPLETED',
  // Issue 17: a dispute freezes the task and its decision moves it on; a withdrawal reopens it.
  'tasks.dispute.opened': 'DISPUTED',
  'tasks.dispute.resolved': 'DISPUTE_DECIDED',
  'tasks.dispute.dismissed': 'DISPUTE_DECIDED',
  'tasks.task.withdrawn': 'WITHDRAWN',
};

/** One person an event is about, and what it is to them (a send is SENT to one, RECEIVED to the other). */
export interface LiveParty {
  userId: string;
  kind: string;
}

/** What a money event is about: its parties and the entities a payload shows. */
export interface PaymentEventFacts {
  parties: LiveParty[];
  /** The ledger transfer (WalletTransaction.id) for deposits, withdrawals and sends. */
  transactionId: string | null;
  /** The escrow payment for held, released and refunded payments. */
  paymentId: string | null;
  currency: string;
  reason: string | null;
}

type Data = Record<string, unknown>;
const str = (data: Data, key: string): string | null => (typeof data[key] === 'string' ? (data[key] as string) : null);
const currencyOf = (data: Data): string => {
  const amount = data['amount'] as { currency?: unknown } | undefined;
  return typeof amount?.currency === 'string' ? amount.currency : '';
};
const partiesOf = (pairs: [string | null, string][]): LiveParty[] =>
  pairs.flatMap(([userId, kind]) => (userId ? [{ userId, kind }] : []));

/** The facts of a wallet event that paymentEvents shows; null for any other event. */
export function paymentEventFacts(event: Pick<EventEnvelope, 'type' | 'data'>): PaymentEventFacts | null {
  const data = (event.data ?? {}) as Data;
  const base = { transactionId: null, paymentId: null, currency: currencyOf(data), reason: null };
  switch (event.type) {
    case 'wallet.money.deposited':
      return { ...base, parties: partiesOf([[str(data, 'userId'), 'DEPOSITED']]), transactionId: str(data, 'transactionId') };
    case 'wallet.money.withdrawn':
      return { ...base, parties: partiesOf([[str(data, 'userId'), 'WITHDRAWN']]), transactionId: str(data, 'transactionId') };
    case 'wallet.money.sent':
      return {
        ...base,
        parties: partiesOf([
          [str(data, 'senderId'), 'SENT'],
          [str(data, 'recipientId'), 'RECEIVED'],
        ]),
        transactionId: str(data, 'transactionId'),
      };
    case 'wallet.escrow.declined':
      return { ...base, parties: partiesOf([[str(data, 'payerId'), 'ESCROW_DECLINED']]), reason: str(data, 'reason') };
    case 'wallet.escrow.held':
    case 'wallet.payment.released':
    case 'wallet.payment.refunded': {
      const kind = { 'wallet.escrow.held': 'ESCROW_HELD', 'wallet.payment.released': 'RELEASED', 'wallet.payment.refunded': 'REFUNDED' }[event.type];
      return {
        ...base,
        parties: partiesOf([
          [str(data, 'payerId'), kind],
          [str(data, 'payeeId'), kind],
        ]),
        paymentId: str(data, 'paymentId'),
        reason: str(data, 'reason'),
      };
    }
    default:
      return null;
  }
}

/** The poster and (once assigned) the assignee a task event names. */
export function taskEventParties(event: Pick<EventEnvelope, 'data'>): string[] {
  const data = (event.data ?? {}) as Data;
  return [str(data, 'posterId'), str(data, 'assigneeId')].filter((id): id is string => id !== null);
}

/**
 * Whether anyone signed in may see a task event: those of an OPEN task (posted, updated) and
 * the one that closes it to bidders (assigned, or cancelled while OPEN), so a would-be bidder
 * learns it is gone. Later events are the poster's and the assignee's business.
 */
export function isPublicTaskEvent(event: Pick<EventEnvelope, 'type' | 'data'>): boolean {
  const data = (event.data ?? {}) as Data;
  switch (event.type) {
    case 'tasks.task.posted':
    case 'tasks.task.updated':
    case 'tasks.task.assigned':
    // The task is OPEN again: would-be bidders may learn it.
    case 'tasks.task.withdrawn':
      return true;
    case 'tasks.task.cancelled':
      return str(data, 'previousStatus') === 'OPEN';
    default:
      return false;
  }
}
