import type { EventEnvelope } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { findPayment, type PaymentSelector } from '../../db/payment-writes.js';
import type { PaymentRow } from '../../db/tables.js';
import type { PaymentStatus } from '../../domain/ledger-kinds.js';
import { explainUnresolved, type Unresolved } from '../../domain/escrow-rules.js';
import { assertInvariant } from '../../domain/invariant.js';
import type { PostedTransfer } from '../ledger/post-transfer.js';

// What release and refund share: how a resolution that changed nothing is explained, the
// invariant a resolved payment leaves behind, and how the outcome is reported.

export type SettleOutcome =
  | { kind: 'released' | 'refunded'; payment: PaymentRow }
  /** Nothing changed: no such payment, resolved this way before, or the other way won. */
  | { kind: 'unresolved'; why: Unresolved; payment: PaymentRow | null };

/** Why the conditional HELD → `wanted` update found nothing to change. */
export async function unresolved(tx: Tx, which: PaymentSelector, wanted: Exclude<PaymentStatus, 'HELD'>): Promise<SettleOutcome> {
  const payment = await findPayment(tx, which);
  return { kind: 'unresolved', why: explainUnresolved(payment?.status ?? null, wanted), payment };
}

/** A resolved payment leaves nothing behind in its escrow account. */
export function assertEscrowEmpty(payment: PaymentRow, last: PostedTransfer): void {
  assertInvariant(last.debit.kind === 'escrow' && last.debit.paymentId === payment.id, `last transfer of payment ${payment.id} is not from its escrow`);
  assertInvariant(last.debit.balanceMinor === 0, `escrow of payment ${payment.id} keeps ${last.debit.balanceMinor} after it was resolved`);
}

/**
 * Logs the outcome of a release or refund. A task that reached ASSIGNED always had its payment
 * held first (tasks assigns on wallet.escrow.held), so a missing payment is a bug or a lost
 * row: throwing retries and then dead-letters the event where someone will look.
 */
export function reportSettlement(outcome: SettleOutcome, event: EventEnvelope, taskId: string, log: Logger): SettleOutcome {
  const context = { eventId: event.id, type: event.type, taskId, paymentId: outcome.payment?.id ?? null };
  if (outcome.kind !== 'unresolved') {
    log.info({ ...context, outcome: outcome.kind }, 'escrow resolved');
    return outcome;
  }
  if (outcome.why === 'missing') throw new Error(`${event.type} for task ${taskId}, which has no escrow payment`);
  if (outcome.why === 'lost') log.warn({ ...context, status: outcome.payment?.status }, 'escrow already resolved the other way; nothing changed');
  else log.info({ ...context, status: outcome.payment?.status }, 'escrow already resolved; duplicate ignored');
  return outcome;
}
