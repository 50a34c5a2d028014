import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { inOutboxSpan } from '@sx/events';
import type { Queryable, Tx } from '@sx/runtime';
import { escrowHeldEnvelope, type SagaCause } from '../events/escrow-events.js';
import type { NewHeldPayment } from './payment-writes.js';
import type { PaymentRow } from './tables.js';

/** A hold the function can decide: the request, its currency already one the platform settles in. */
export interface OneStatementHold extends NewHeldPayment {
  /** The request event's id: a refusal is remembered per request. */
  requestEventId: string;
}

/** SQLSTATE the function raises when the poster's balance fell between its read and the lock. */
export const HOLD_BALANCE_FELL = 'SXH01';

interface FunctionRow extends Record<string, unknown> {
  outcome: 'held' | 'fallback' | 'duplicate';
  payment_created_at: Date | null;
}

/**
 * The common hold (no earlier refusal, no payment yet, the money there) in one statement inside
 * the caller's transaction: see drizzle/0010_hold_in_one_statement.sql for the steps and their
 * order. Null when it wrote nothing and the hold must go the general way.
 */
export async function holdInOneStatement(tx: Tx, hold: OneStatementHold, cause: SagaCause): Promise<PaymentRow | null> {
  const payment = { id: randomUUID(), ...hold };
  // The statement writes the event: its span is the event's producer, as appendEvent's is.
  const result = await inOutboxSpan('wallet.escrow.held', () => tx.execute<FunctionRow>(sql`SELECT * FROM wallet.hold_escrow_of_bid(${holdArguments(payment, cause)})`));
  const row = result.rows[0];
  if (!row || row.outcome !== 'held' || !row.payment_created_at) return null;
  const { requestEventId: _request, ...fields } = payment;
  return { ...fields, status: 'HELD', feeMinor: null, refundMinor: null, createdAt: row.payment_created_at, resolvedAt: null };
}

/**
 * The same hold as one autocommit statement that also claims the request's inbox row for
 * `consumer` (drizzle/0011_hold_claims_its_inbox_row.sql): 'duplicate' when the inbox had it.
 * When the hold must go the general way the function raises SXF01 (STEP_FALLBACK_SQLSTATE),
 * which undoes the claim; the consumer takes it from there.
 */
export async function holdClaimingInbox(db: Queryable, consumer: string, hold: OneStatementHold, cause: SagaCause): Promise<{ outcome: 'held' | 'duplicate'; paymentId: string }> {
  const payment = { id: randomUUID(), ...hold };
  const result = await inOutboxSpan('wallet.escrow.held', () =>
    db.execute<FunctionRow>(sql`SELECT * FROM wallet.hold_escrow_of_bid_once(${consumer}, ${holdArguments(payment, cause)})`),
  );
  return { outcome: result.rows[0]?.outcome === 'held' ? 'held' : 'duplicate', paymentId: payment.id };
}

/** The hold function's arguments after the consumer's, its event built and validated here. */
function holdArguments(payment: OneStatementHold & { id: string }, cause: SagaCause): SQL {
  const { event, aggregateId, channel } = escrowHeldEnvelope(payment, cause);
  return sql`${payment.requestEventId}::uuid, ${payment.id}::uuid, ${payment.taskId}::uuid, ${payment.bidId}::uuid, ${payment.payerId}::uuid,
    ${payment.payeeId}::uuid, ${payment.amountMinor}::bigint, ${payment.currency}, ${randomUUID()}::uuid,
    ${JSON.stringify(event)}::jsonb, ${aggregateId}, ${channel}`;
}
