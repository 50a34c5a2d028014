import { and, asc, desc, eq, gt, gte, isNotNull, lt, notExists, or, sql } from 'drizzle-orm';
import type { TimePageRequest } from '@sx/core';
import type { Db } from '@sx/runtime';
import { accounts, payoutDestinations, payoutRuns, payouts, type PayoutDestinationRow, type PayoutRow, type PayoutRunRow } from './tables.js';

/** A wallet that may be paid out today: its owner has a destination and no payout of the day in its currency. */
export interface PayoutCandidate {
  /** The wallet's account id: the order candidates are read in. */
  accountId: string;
  userId: string;
  currency: string;
  availableMinor: number;
  destinationRef: string;
  accountMask: string;
}

/**
 * Up to `limit` wallets at or above the threshold whose owner set a destination and was not yet
 * paid (or is being paid) on `day` in that currency. The pay step re-checks under the account lock.
 */
export async function findPayoutCandidates(db: Db, opts: { day: string; thresholdMinor: number; limit: number; afterAccountId: string | null }): Promise<PayoutCandidate[]> {
  const paidToday = db
    .select({ one: sql`1` })
    .from(payouts)
    .where(and(eq(payouts.userId, accounts.ownerId), eq(payouts.day, opts.day), eq(payouts.currency, accounts.currency)));
  const rows = await db
    .select({
      accountId: accounts.id,
      userId: payoutDestinations.userId,
      currency: accounts.currency,
      availableMinor: accounts.balanceMinor,
      destinationRef: payoutDestinations.providerRef,
      accountMask: payoutDestinations.accountMask,
    })
    .from(accounts)
    .innerJoin(payoutDestinations, eq(payoutDestinations.userId, accounts.ownerId))
    .where(and(eq(accounts.kind, 'user'), isNotNull(accounts.ownerId), gte(accounts.balanceMinor, opts.thresholdMinor), notExists(paidToday), opts.afterAccountId ? gt(accounts.id, opts.afterAccountId) : undefined))
    .orderBy(asc(accounts.id))
    .limit(opts.limit);
  return rows;
}

/** Payouts still waiting for the provider's answer (their run died or the provider did not answer), oldest first. */
export function findPendingPayouts(db: Db, limit: number): Promise<PayoutRow[]> {
  return db.select().from(payouts).where(eq(payouts.status, 'pending')).orderBy(asc(payouts.createdAt)).limit(limit);
}

export async function findDestination(db: Pick<Db, 'select'>, userId: string): Promise<PayoutDestinationRow | null> {
  const [row] = await db.select().from(payoutDestinations).where(eq(payoutDestinations.userId, userId));
  return row ?? null;
}

/** The day of the newest finished run, for "has today's run happened?". */
export async function lastFinishedRunDay(db: Db): Promise<string | null> {
  const [row] = await db.select({ day: payoutRuns.day }).from(payoutRuns).where(isNotNull(payoutRuns.finishedAt)).orderBy(desc(payoutRuns.day)).limit(1);
  return row?.day ?? null;
}

/** Payout runs, newest first, keyset-paginated on (created_at, id) (limit + 1 rows). */
export function pagePayoutRuns(db: Db, page: TimePageRequest): Promise<PayoutRunRow[]> {
  const after = page.after;
  return db
    .select()
    .from(payoutRuns)
    .where(after ? or(lt(payoutRuns.createdAt, after.at), and(eq(payoutRuns.createdAt, after.at), lt(payoutRuns.id, after.id))) : undefined)
    .orderBy(desc(payoutRuns.createdAt), desc(payoutRuns.id))
    .limit(page.limit + 1);
}
