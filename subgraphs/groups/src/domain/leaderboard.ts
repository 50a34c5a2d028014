export type LeaderboardPeriod = 'WEEK' | 'MONTH' | 'ALL_TIME';

/** Where a period starts (UTC): Monday 00:00 for WEEK, the 1st 00:00 for MONTH, never for ALL_TIME. */
export function periodStart(period: LeaderboardPeriod, now: Date): Date | null {
  if (period === 'ALL_TIME') return null;
  if (period === 'MONTH') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysSinceMonday));
}

/** Standard competition ranking ("1224"): equal points share a rank. Input sorted by points, most first. */
export function rank<T extends { points: number }>(rows: readonly T[]): (T & { rank: number })[] {
  return rows.map((row, i) => {
    const first = rows.findIndex((r) => r.points === row.points);
    return { ...row, rank: (first === -1 ? i : first) + 1 };
  });
}
