import type { DayAmount } from './chart-geometry';

const DAY_MS = 86_400_000;

/**
 * platformStats.earningsByDay (days with fees only, several currencies per day) → one series per
 * currency with every day of the range, zero where nothing was earned, so the bars keep the
 * calendar's spacing. Currencies in first-seen order.
 */
export function earningsSeries(
  byDay: readonly { day: string; fees: readonly { amount: number; currency: string }[] }[],
  range: { from: string; days: number },
): { currency: string; days: DayAmount[] }[] {
  const start = Date.parse(range.from.slice(0, 10));
  const calendar = Array.from({ length: range.days }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10));
  const currencies = [...new Set(byDay.flatMap((d) => d.fees.map((f) => f.currency)))];
  return currencies.map((currency) => ({
    currency,
    days: calendar.map((day) => ({
      day,
      amountMinor: byDay.find((d) => d.day === day)?.fees.find((f) => f.currency === currency)?.amount ?? 0,
    })),
  }));
}
