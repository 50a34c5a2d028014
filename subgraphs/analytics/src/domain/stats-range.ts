import { BadUserInput } from '@sx/core';

const DAY_MS = 86_400_000;
/** The longest range platformStats and topTaskers read (its daily series stays bounded). */
export const MAX_RANGE_DAYS = 366;

export interface StatsRange {
  from: Date;
  to: Date;
}

export type StatsPeriod = 'DAY' | 'WEEK' | 'MONTH';

const PERIOD_DAYS: Record<StatsPeriod, number> = { DAY: 1, WEEK: 7, MONTH: 30 };

function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** [from, to) from the arguments; defaults: `defaultFrom(now)` to now. Refuses an empty, inverted or too long range. */
export function parseRange(args: { from?: Date | null; to?: Date | null }, now: Date, defaultFrom: (now: Date) => Date): StatsRange {
  const to = args.to ?? now;
  const from = args.from ?? defaultFrom(to);
  if (from >= to) throw new BadUserInput('INVALID_INPUT', '"from" must be before "to".', { field: 'from' });
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    throw new BadUserInput('INVALID_INPUT', `The range may be at most ${MAX_RANGE_DAYS} days long.`, { field: 'from' });
  }
  return { from, to };
}

/** platformStats' default: today so far (UTC). */
export const todaySoFar = (now: Date): Date => startOfUtcDay(now);
/** topTaskers' default: the last 30 days. */
export const lastThirtyDays = (now: Date): Date => new Date(now.getTime() - 30 * DAY_MS);

/** The period ending now that topTasks ranks over. */
export function periodRange(period: StatsPeriod, now: Date): StatsRange {
  return { from: new Date(now.getTime() - PERIOD_DAYS[period] * DAY_MS), to: now };
}
