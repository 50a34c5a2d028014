import { InsufficientFunds, SUPPORTED_CURRENCIES } from '@sx/core';
import type { bidAcceptRequested, EventEnvelope, PayloadOf, StepContext, StepOutcome } from '@sx/events';
import { sqlStateOf, type Logger, type Queryable, type Tx } from '@sx/runtime';
import { findUserBalances } from '../db/account-queries.js';
import { HOLD_BALANCE_FELL, holdClaimingInbox, holdInOneStatement } from '../db/hold-in-one-statement.js';
import { findDeclineOfRequest, findPaymentOfTaskOrBid, insertDecline, insertHeldPayment } from '../db/payment-writes.js';
import type { PaymentRow } from '../db/tables.js';
import { classifyExistingPayment, holdCurrency, type HoldRequest } from '../domain/escrow-rules.js';
import { assertInvariant } from '../domain/invariant.js';
import type { DeclineReason } from '../domain/ledger-kinds.js';
import { causeOf, recordEscrowDeclined, recordEscrowHeld, type SagaCause } from '../events/escrow-events.js';
import { escrowOf, paymentReference, userWallet } from './ledger/account-refs.js';
import { postTransfer } from './ledger/post-transfer.js';

export type AcceptRequested = EventEnvelope<PayloadOf<typeof bidAcceptRequested>>;

export type HoldOutcome =
  | { kind: 'held'; payment: PaymentRow }
  | { kind: 'declined'; reason: DeclineReason }
  /** The bid already has its payment: nothing changes, nothing is published again. */
  | { kind: 'duplicate'; payment: PaymentRow }
  /** This very request was refused before: it stays refused. */
  | { kind: 'already-declined'; reason: DeclineReason };

/** The event as wallet reads it. Stored uuids are lower case; the ledger compares them as text. */
function holdRequestOf(event: AcceptRequested): HoldRequest {
  const { bidId, taskId, taskerId, posterId, amount } = event.data;
  return {
    requestEventId: event.id,
    taskId: taskId.toLowerCase(),
    bidId: bidId.toLowerCase(),
    payerId: posterId.toLowerCase(),
    payeeId: taskerId.toLowerCase(),
    amountMinor: amount.amountMinor,
    currency: amount.currency,
  };
}

/**
 * bids.bid.accept_requested: hold the bid's amount in escrow, or decline. Runs in the
 * consumer's transaction with the inbox row, so a redelivery has no second effect.
 */
export async function holdEscrow(tx: Tx, event: AcceptRequested, log: Logger): Promise<HoldOutcome> {
  const request = holdRequestOf(event);
  const outcome = await hold(tx, request, causeOf(event));
  const context = { eventId: event.id, taskId: request.taskId, bidId: request.bidId, outcome: outcome.kind };
  if (outcome.kind === 'held' || outcome.kind === 'duplicate') log.info({ ...context, paymentId: outcome.payment.id }, 'escrow hold');
  else log.info({ ...context, reason: outcome.reason }, 'escrow hold declined');
  return outcome;
}

/**
 * The wallet's saga hop in one autocommit statement (the consumer's `step`): the inbox row and
 * the common hold together. 'fallback' (said here, or raised by the function after undoing its
 * claim) sends the event to `holdEscrow` in a transaction with the inbox row, as before.
 */
export async function holdEscrowStep(db: Queryable, event: AcceptRequested, { consumer, log }: StepContext): Promise<StepOutcome> {
  const request = holdRequestOf(event);
  const currency = settledCurrency(request);
  if (!currency) return 'fallback';
  const { outcome, paymentId } = await holdClaimingInbox(db, consumer, { ...request, currency }, causeOf(event));
  if (outcome === 'duplicate') return 'duplicate';
  log.info({ eventId: event.id, taskId: request.taskId, bidId: request.bidId, outcome: 'held', paymentId }, 'escrow hold');
  return 'handled';
}

/**
 * A HELD payment, an escrow account of its own, the transfer poster → escrow and
 * wallet.escrow.held — or, when the poster lacks the money in that currency, no money moves and
 * wallet.escrow.declined is written with the reason (remembered, so the same request never
 * later turns into a hold).
 */
async function hold(tx: Tx, request: HoldRequest, cause: SagaCause): Promise<HoldOutcome> {
  const held = await holdInOne(tx, request, cause);
  if (held) return { kind: 'held', payment: held };
  const earlier = await findDeclineOfRequest(tx, request.requestEventId);
  if (earlier) return { kind: 'already-declined', reason: earlier.reason };
  const existing = await existingPayment(tx, request);
  if (existing) return existing;

  const wallets = await findUserBalances(tx, request.payerId);
  const currency = holdCurrency(request.currency, wallets.map((w) => w.currency));
  if (!currency.ok) return decline(tx, request, currency.reason, cause);
  // The balance decides before anything is written, so a refusal needs no savepoint to undo a
  // payment row (two round trips fewer per hold). The ledger still checks it under the row
  // lock below; if a concurrent spend got in between, the hold fails as a whole and is retried.
  const balance = wallets.find((w) => w.currency === currency.currency)?.balanceMinor ?? 0;
  if (balance < request.amountMinor) return decline(tx, request, 'INSUFFICIENT_FUNDS', cause);
  const { taskId, bidId, payerId, payeeId, amountMinor } = request;
  const inserted = await insertHeldPayment(tx, { taskId, bidId, payerId, payeeId, amountMinor, currency: currency.currency });
  // A concurrent duplicate inserted first (its insert committed while ours waited).
  if (!inserted) return (await existingPayment(tx, request)) ?? unreachable(request);
  try {
    const posted = await postTransfer(tx, {
      kind: 'escrow_hold',
      debit: userWallet(request.payerId, currency.currency),
      credit: escrowOf(inserted),
      amountMinor: inserted.amountMinor,
      currency: currency.currency,
      reference: paymentReference(inserted.id, 'hold'),
      paymentId: inserted.id,
      taskId: inserted.taskId,
    });
    assertInvariant(posted.credit.balanceMinor === inserted.amountMinor, `escrow of payment ${inserted.id} holds other money`);
  } catch (err) {
    // The payment row is already written: the transaction must not commit. The redelivery
    // reads the lower balance above and declines.
    if (err instanceof InsufficientFunds) throw new Error(`the poster's balance fell below the hold of bid ${request.bidId} while it was being held; retrying`, { cause: err });
    throw err;
  }
  await recordEscrowHeld(tx, inserted, cause);
  return { kind: 'held', payment: inserted };
}

/**
 * The common case in one statement (one round trip where the general way takes nine); null
 * when it wrote nothing and the general way decides.
 */
async function holdInOne(tx: Tx, request: HoldRequest, cause: SagaCause): Promise<PaymentRow | null> {
  const currency = settledCurrency(request);
  if (!currency) return null;
  try {
    return await holdInOneStatement(tx, { ...request, currency }, cause);
  } catch (err) {
    // As in the general way: the transaction must not commit, the redelivery declines.
    if (sqlStateOf(err) === HOLD_BALANCE_FELL) throw new Error(`the poster's balance fell below the hold of bid ${request.bidId} while it was being held; retrying`, { cause: err });
    throw err;
  }
}

/** The request's currency when the platform settles in it (the one-statement hold needs one). */
function settledCurrency(request: HoldRequest) {
  return SUPPORTED_CURRENCIES.find((c) => c === request.currency.toUpperCase());
}

async function existingPayment(tx: Tx, request: HoldRequest): Promise<HoldOutcome | null> {
  const payment = await findPaymentOfTaskOrBid(tx, request);
  if (!payment) return null;
  if (classifyExistingPayment(payment, request) === 'duplicate') return { kind: 'duplicate', payment };
  // bids admits one accept per task at a time; a second bid reaching here is a bug upstream.
  // Throwing retries and then dead-letters it where someone will look; no money moves.
  throw new Error(`task ${request.taskId} already has payment ${payment.id} for bid ${payment.bidId}; refusing a hold for bid ${request.bidId}`);
}

async function decline(tx: Tx, request: HoldRequest, reason: DeclineReason, cause: SagaCause): Promise<HoldOutcome> {
  const row = { ...request, currency: request.currency.toUpperCase(), reason };
  const inserted = await insertDecline(tx, row);
  if (!inserted) {
    const earlier = await findDeclineOfRequest(tx, request.requestEventId);
    return { kind: 'already-declined', reason: earlier?.reason ?? reason };
  }
  await recordEscrowDeclined(tx, row, cause);
  return { kind: 'declined', reason };
}

function unreachable(request: HoldRequest): never {
  throw new Error(`payment of bid ${request.bidId} was neither inserted nor found`);
}
