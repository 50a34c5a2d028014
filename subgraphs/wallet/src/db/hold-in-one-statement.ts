import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { inOutboxSpan } from '@sx/events';
import type { Tx } from '@sx/runtime';
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
  outcome: 'held' | 'fallback';
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
  const result = await inOutboxSpan('wallet.escrow.held', () => {
    const { event, aggregateId, channel } = escrowHeldEnvelope(payment, cause);
    return tx.execute<FunctionRow>(sql`SELECT * FROM wallet.hold_escrow_of_bid(
    ${hold.requestEventId}::uuid, ${payment.id}::uuid, ${hold.taskId}::uuid, ${hold.bidId}::uuid, ${hold.payerId}::uuid,
    ${hold.payeeId}::uuid, ${hold.amountMinor}::bigint, ${hold.currency}, ${randomUUID()}::uuid,
    ${JSON.stringify(event)}::jsonb, ${aggregateId}, ${channel})`);
  });
  const row = result.rows[0];
  if (!row || row.outcome !== 'held' || !row.payment_created_at) return null;
  const { requestEventId: _request, ...fields } = payment;
  return { ...fields, status: 'HELD', feeMinor: null, refundMinor: null, createdAt: row.payment_created_at, resolvedAt: null };
}
