import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@sx/runtime';
import type { RunTotal } from '../domain/payout-status.js';
import { payoutDestinations, payoutRuns, payouts, type PayoutRow, type PayoutRunRow } from './tables.js';

export async function insertRun(db: Db, day: string): Promise<PayoutRunRow> {
  const [row] = await db.insert(payoutRuns).values({ day }).returning();
  if (!row) throw new Error('payout run not inserted');
  return row;
}

export interface RunTally {
  paidCount: number;
  failedCount: number;
  pendingCount: number;
  totals: RunTotal[];
}

export async function finishRun(db: Db, runId: string, tally: RunTally): Promise<PayoutRunRow> {
  const [row] = await db
    .update(payoutRuns)
    .set({ ...tally, finishedAt: sql`now()` })
    .where(eq(payoutRuns.id, runId))
    .returning();
  if (!row) throw new Error(`payout run ${runId} vanished`);
  return row;
}

export async function insertPayout(tx: Tx, payout: typeof payouts.$inferInsert): Promise<PayoutRow> {
  const [row] = await tx.insert(payouts).values(payout).returning();
  if (!row) throw new Error(`payout ${payout.id} not inserted`);
  return row;
}

/** Locks a payout still pending; null once another process settled it. */
export async function lockPendingPayout(tx: Tx, payoutId: string): Promise<PayoutRow | null> {
  const [row] = await tx
    .select()
    .from(payouts)
    .where(and(eq(payouts.id, payoutId), eq(payouts.status, 'pending')))
    .for('update');
  return row ?? null;
}

export async function findPayoutById(tx: Pick<Tx, 'select'>, payoutId: string): Promise<PayoutRow | null> {
  const [row] = await tx.select().from(payouts).where(eq(payouts.id, payoutId));
  return row ?? null;
}

export async function markPayoutSettled(
  tx: Tx,
  s: { payoutId: string; status: 'paid' | 'failed'; providerRef: string; failureReason: string | null },
): Promise<void> {
  await tx
    .update(payouts)
    .set({ status: s.status, providerRef: s.providerRef, failureReason: s.failureReason, settledAt: sql`now()` })
    .where(eq(payouts.id, s.payoutId));
}

/** Stores (or replaces) a user's destination; returns it as stored. */
export async function upsertDestination(db: Db, d: { userId: string; holderName: string; accountMask: string; providerRef: string }) {
  const [row] = await db
    .insert(payoutDestinations)
    .values(d)
    .onConflictDoUpdate({
      target: payoutDestinations.userId,
      set: { holderName: d.holderName, accountMask: d.accountMask, providerRef: d.providerRef, updatedAt: sql`now()` },
    })
    .returning();
  if (!row) throw new Error(`payout destination of ${d.userId} not stored`);
  return row;
}
