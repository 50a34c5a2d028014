import {
  appendEvent,
  buildEnvelope,
  outboxChannel,
  escrowDeclined,
  escrowHeld,
  paymentRefunded,
  paymentReleased,
  SYSTEM_ACTOR,
  type Actor,
  type EventEnvelope,
  type Executor,
} from '@sx/events';
import type { DeclinedHold } from '../domain/escrow-rules.js';
import type { RefundReason } from '../domain/ledger-kinds.js';
import type { PaymentSplit } from '../domain/platform-fee.js';
import { outbox, type PaymentRow } from '../db/tables.js';

// The wallet side of the payment saga (docs/saga.md), each written in the transaction that
// moved (or refused to move) the money, after the payment's row was written.

const SERVICE = 'wallet';

/** Who caused the saga step and its trace, carried over from the event that triggered it. */
export interface SagaCause {
  actor: Actor;
  traceparent: string | null;
}

/** A saga step is the system's work, traced back to the event that triggered it. */
export const causeOf = (event: EventEnvelope): SagaCause => ({ actor: SYSTEM_ACTOR, traceparent: event.traceparent });

function paymentFields(p: Pick<PaymentRow, 'id' | 'taskId' | 'bidId' | 'payerId' | 'payeeId' | 'amountMinor' | 'currency'>) {
  return {
    paymentId: p.id,
    taskId: p.taskId,
    bidId: p.bidId,
    payerId: p.payerId,
    payeeId: p.payeeId,
    amount: { amountMinor: p.amountMinor, currency: p.currency },
  };
}

export function recordEscrowHeld(tx: Executor, payment: PaymentRow, cause: SagaCause) {
  return appendEvent(tx, outbox, escrowHeld, paymentFields(payment), { service: SERVICE, ...cause });
}

export function recordEscrowDeclined(tx: Executor, d: DeclinedHold, cause: SagaCause) {
  const data = { taskId: d.taskId, bidId: d.bidId, payerId: d.payerId, amount: { amountMinor: d.amountMinor, currency: d.currency }, reason: d.reason };
  return appendEvent(tx, outbox, escrowDeclined, data, { service: SERVICE, ...cause });
}

export function recordPaymentReleased(tx: Executor, payment: PaymentRow, split: PaymentSplit, cause: SagaCause) {
  const data = {
    ...paymentFields(payment),
    fee: { amountMinor: split.feeMinor, currency: payment.currency },
    payout: { amountMinor: split.payoutMinor, currency: payment.currency },
  };
  return appendEvent(tx, outbox, paymentReleased, data, { service: SERVICE, ...cause });
}

export function recordPaymentRefunded(tx: Executor, payment: PaymentRow, reason: RefundReason, cause: SagaCause) {
  return appendEvent(tx, outbox, paymentRefunded, { ...paymentFields(payment), reason }, { service: SERVICE, ...cause });
}

/**
 * The wallet.escrow.held event of a hold posted in one statement (db/hold-in-one-statement.ts),
 * built and validated here: the payment's id is chosen beforehand, so nothing is left to fill in.
 */
export function escrowHeldEnvelope(payment: Pick<PaymentRow, 'id' | 'taskId' | 'bidId' | 'payerId' | 'payeeId' | 'amountMinor' | 'currency'>, cause: SagaCause) {
  const event = buildEnvelope(escrowHeld, paymentFields(payment), cause);
  return { event, aggregateId: escrowHeld.aggregateId(event.data), channel: outboxChannel(SERVICE) };
}
