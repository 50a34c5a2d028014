import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@sx/runtime';
import type { PaymentDisputeStatus } from '../domain/ledger-kinds.js';
import { paymentDisputes, payments, type PaymentRow } from './tables.js';

/** The payment under its row lock, so a freeze and a release or refund of it take turns. */
export async function lockPayment(tx: Tx, which: { paymentId: string; taskId: string }): Promise<PaymentRow | null> {
  const [row] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.id, which.paymentId), eq(payments.taskId, which.taskId)))
    .for('update');
  return row ?? null;
}

/**
 * Records where a dispute is. OPEN only inserts (an `opened` redelivered, or arriving after the
 * dispute was decided, changes nothing); a decision overwrites whatever is there.
 */
export async function writePaymentDispute(tx: Tx, row: { disputeId: string; paymentId: string; status: PaymentDisputeStatus }): Promise<void> {
  const insert = tx.insert(paymentDisputes).values(row);
  if (row.status === 'OPEN') await insert.onConflictDoNothing();
  else await insert.onConflictDoUpdate({ target: paymentDisputes.disputeId, set: { status: row.status, updatedAt: sql`now()` } });
}

/** Whether an open dispute freezes the payment. */
export async function isFrozen(tx: Tx, paymentId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: paymentDisputes.disputeId })
    .from(paymentDisputes)
    .where(and(eq(paymentDisputes.paymentId, paymentId), eq(paymentDisputes.status, 'OPEN')))
    .limit(1);
  return row !== undefined;
}
