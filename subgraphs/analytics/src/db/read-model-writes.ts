import { sql } from 'drizzle-orm';
import type { Tx } from '@sx/runtime';
import type { FactKind } from '../domain/facts.js';
import { facts, payments } from './tables.js';

/** Counts one event once: a second write of the same event id changes nothing. */
export async function insertFact(tx: Tx, args: { eventId: string; kind: FactKind; occurredAt: Date }): Promise<void> {
  await tx.insert(facts).values(args).onConflictDoNothing();
}

export interface HeldPayment {
  paymentId: string;
  taskId: string;
  payerId: string;
  payeeId: string;
  currency: string;
  amountMinor: number;
  heldAt: Date;
}

/** The hold; a payment already settled in the replica (events replayed) stays settled. */
export async function insertHeldPayment(tx: Tx, payment: HeldPayment): Promise<void> {
  await tx
    .insert(payments)
    .values({ ...payment, state: 'HELD' })
    .onConflictDoNothing();
}

/**
 * Settles a payment (RELEASED with its fee and payout, or REFUNDED). An upsert: the wallet stream
 * orders a hold before its settlement, but a replica rebuilt from a trimmed stream may see the
 * settlement alone, and must still count it.
 */
export async function settlePayment(
  tx: Tx,
  args: HeldPayment & { state: 'RELEASED' | 'REFUNDED'; feeMinor: number | null; payoutMinor: number | null; settledAt: Date },
): Promise<void> {
  const { heldAt, ...rest } = args;
  await tx
    .insert(payments)
    .values({ ...rest, heldAt })
    .onConflictDoUpdate({
      target: payments.paymentId,
      set: { state: args.state, feeMinor: args.feeMinor, payoutMinor: args.payoutMinor, settledAt: args.settledAt },
      setWhere: sql`${payments.state} = 'HELD'`,
    });
}
