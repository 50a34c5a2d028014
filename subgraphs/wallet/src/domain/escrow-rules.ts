import { type Currency, SUPPORTED_CURRENCIES } from '@sx/core';
import { assertInvariant } from './invariant.js';
import type { DeclineReason, PaymentStatus } from './ledger-kinds.js';

// The wallet's rules of the payment saga (docs/saga.md), over plain data.

/** bids.bid.accept_requested as wallet reads it: the hold it asks for. */
export interface HoldRequest {
  /** The request event's id: a refusal is remembered per request. */
  requestEventId: string;
  taskId: string;
  bidId: string;
  /** The task's poster, whose money is held. */
  payerId: string;
  /** The tasker whose bid was accepted. */
  payeeId: string;
  amountMinor: number;
  currency: string;
}

/** A hold request wallet refused, and why (stored in escrow_declines, published as wallet.escrow.declined). */
export type DeclinedHold = HoldRequest & { reason: DeclineReason };

/** Whether a hold in `currency` can be tried at all, given the currencies of the poster's wallets. */
export type HoldCurrency = { ok: true; currency: Currency } | { ok: false; reason: Extract<DeclineReason, 'CURRENCY_MISMATCH'> };

/**
 * A bid is held from the poster's wallet in the bid's currency; there is no conversion. A
 * currency the platform does not settle in, or a poster whose money is all in other currencies,
 * is CURRENCY_MISMATCH (paying in more would not help: the poster needs that currency); a
 * poster without any wallet yet is simply short of money, which the ledger reports itself.
 */
export function holdCurrency(currency: string, posterCurrencies: readonly string[]): HoldCurrency {
  const wanted = SUPPORTED_CURRENCIES.find((c) => c === currency.toUpperCase());
  if (!wanted) return { ok: false, reason: 'CURRENCY_MISMATCH' };
  if (posterCurrencies.length > 0 && !posterCurrencies.includes(wanted)) return { ok: false, reason: 'CURRENCY_MISMATCH' };
  return { ok: true, currency: wanted };
}

/** What an existing payment of the same task or bid means for a new hold request. */
export type ExistingPayment = 'duplicate' | 'other-bid';

/**
 * One hold per task and per bid: a request for a bid that already has its payment is a
 * duplicate (redelivered, or sent again by bids) and changes nothing; a payment of another bid
 * on the same task means bids let two accepts through, which must never happen.
 */
export function classifyExistingPayment(existing: { bidId: string }, request: { bidId: string }): ExistingPayment {
  return existing.bidId === request.bidId ? 'duplicate' : 'other-bid';
}

/**
 * A cancellation refunds only a task that was ASSIGNED: only then was its escrow held and
 * assigned. An OPEN task's hold, if one was on its way, is refunded when tasks refuses the
 * assignment (tasks.task.assignment_refused).
 */
export function cancellationRefunds(previousStatus: string): boolean {
  return previousStatus === 'ASSIGNED';
}

/** Why a conditional HELD → RELEASED/REFUNDED update changed nothing. */
export type Unresolved = 'missing' | 'already' | 'lost';

/**
 * A hold resolves at most once. When the conditional update found no HELD payment: it does not
 * exist ('missing': the saga's order makes that a bug), it was already resolved this way (a
 * duplicate), or the other resolution won a race ('lost').
 */
export function explainUnresolved(current: PaymentStatus | null, wanted: Exclude<PaymentStatus, 'HELD'>): Unresolved {
  if (current === null) return 'missing';
  // The update waits for any concurrent resolution and re-checks: still HELD after it is a bug.
  assertInvariant(current !== 'HELD', 'a HELD payment was not resolved by its conditional update');
  if (current === wanted) return 'already';
  return 'lost';
}
