import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Queryable } from '@sx/runtime';
import type { FactKind } from '../domain/facts.js';
import type { StatsRange } from '../domain/stats-range.js';
import { facts, payments } from './tables.js';

/** An amount per currency, in minor units; a bigint sum comes back as text and is parsed here. */
export interface CurrencyAmount {
  currency: string;
  amountMinor: number;
}

const toAmounts = (rows: { currency: string; total: string | number | null }[]): CurrencyAmount[] =>
  rows.map((r) => ({ currency: r.currency, amountMinor: Number(r.total ?? 0) })).filter((a) => a.amountMinor > 0);

/** How many facts of each kind happened in the range (kinds with none are absent). */
export async function countFacts(db: Queryable, range: StatsRange): Promise<Map<FactKind, number>> {
  const rows = await db
    .select({ kind: facts.kind, count: sql<number>`count(*)::int` })
    .from(facts)
    .where(and(gte(facts.occurredAt, range.from), lt(facts.occurredAt, range.to)))
    .groupBy(facts.kind);
  return new Map(rows.map((r) => [r.kind as FactKind, r.count]));
}

const releasedIn = (range: StatsRange) => and(eq(payments.state, 'RELEASED'), gte(payments.settledAt, range.from), lt(payments.settledAt, range.to));

/**
 * Fees earned and volume released in the range, per currency. Volume is what left escrow towards
 * the tasker (payout + fee): the whole price for a normal release, only the released part of a
 * dispute split (its refund went back to the poster and is no business done).
 */
export async function sumReleased(db: Queryable, range: StatsRange): Promise<{ fees: CurrencyAmount[]; volume: CurrencyAmount[] }> {
  const volume = sql<string>`sum(${payments.feeMinor} + ${payments.payoutMinor})`;
  const rows = await db
    .select({ currency: payments.currency, fees: sql<string>`sum(${payments.feeMinor})`, volume })
    .from(payments)
    .where(releasedIn(range))
    .groupBy(payments.currency)
    .orderBy(payments.currency);
  return {
    fees: toAmounts(rows.map((r) => ({ currency: r.currency, total: r.fees }))),
    volume: toAmounts(rows.map((r) => ({ currency: r.currency, total: r.volume }))),
  };
}

/** Fees per UTC day of the range, oldest first. */
export async function feesByDay(db: Queryable, range: StatsRange): Promise<{ day: string; currency: string; amountMinor: number }[]> {
  const day = sql<string>`to_char(${payments.settledAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, currency: payments.currency, total: sql<string>`sum(${payments.feeMinor})` })
    .from(payments)
    .where(releasedIn(range))
    .groupBy(day, payments.currency)
    .orderBy(day, payments.currency);
  return rows.map((r) => ({ day: r.day, currency: r.currency, amountMinor: Number(r.total) })).filter((r) => r.amountMinor > 0);
}

/** Money held in escrow now, per currency. */
export async function sumHeld(db: Queryable): Promise<CurrencyAmount[]> {
  const rows = await db
    .select({ currency: payments.currency, total: sql<string>`sum(${payments.amountMinor})` })
    .from(payments)
    .where(eq(payments.state, 'HELD'))
    .groupBy(payments.currency)
    .orderBy(payments.currency);
  return toAmounts(rows);
}

export interface RankedPayment {
  taskId: string;
  currency: string;
  amountMinor: number;
  heldAt: Date;
}

/**
 * Tasks by agreed price in the range, highest first (ties: earlier agreement first, then id),
 * `offset` rows skipped: a ranking has no stable keyset, and pages are small and bounded.
 */
export async function rankTasks(db: Queryable, args: { range: StatsRange; currency: string | null; offset: number; limit: number }): Promise<RankedPayment[]> {
  const conditions = [gte(payments.heldAt, args.range.from), lt(payments.heldAt, args.range.to)];
  if (args.currency) conditions.push(eq(payments.currency, args.currency));
  return db
    .select({ taskId: payments.taskId, currency: payments.currency, amountMinor: payments.amountMinor, heldAt: payments.heldAt })
    .from(payments)
    .where(and(...conditions))
    .orderBy(desc(payments.amountMinor), payments.heldAt, payments.paymentId)
    .offset(args.offset)
    .limit(args.limit + 1);
}

export interface TaskerTotal {
  taskerId: string;
  currency: string;
  earnedMinor: number;
  tasksPaid: number;
}

/** Taskers by what released payments paid them in the range, per currency, highest first. */
export async function rankTaskers(db: Queryable, args: { range: StatsRange; offset: number; limit: number }): Promise<TaskerTotal[]> {
  const earned = sql<string>`sum(${payments.payoutMinor})`;
  const rows = await db
    .select({ taskerId: payments.payeeId, currency: payments.currency, earned, tasksPaid: sql<number>`count(*)::int` })
    .from(payments)
    .where(releasedIn(args.range))
    .groupBy(payments.payeeId, payments.currency)
    .orderBy(desc(earned), payments.payeeId, payments.currency)
    .offset(args.offset)
    .limit(args.limit + 1);
  return rows.map((r) => ({ taskerId: r.taskerId, currency: r.currency, earnedMinor: Number(r.earned), tasksPaid: r.tasksPaid }));
}
