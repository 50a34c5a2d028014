import { parseCurrency, requireRole, toApiMoney } from '@sx/core';
import { DateTimeScalar } from '@sx/runtime';
import { rate } from '../domain/facts.js';
import { parseRankPage, rankConnection } from '../domain/rank-page.js';
import { lastThirtyDays, parseRange, periodRange, todaySoFar } from '../domain/stats-range.js';
import type { PlatformStats, Resolvers } from '../generated/resolvers-types.js';
import type { AnalyticsLoaders, CurrencyAmount } from '../loaders.js';
import type { StatsRange } from '../domain/stats-range.js';

const money = (amounts: CurrencyAmount[]) => amounts.map((a) => toApiMoney(a.amountMinor, a.currency));

/** The day series of the dashboard's chart: each day's fees, every currency of that day together. */
function earningsByDay(rows: { day: string; currency: string; amountMinor: number }[]) {
  const days = new Map<string, CurrencyAmount[]>();
  for (const row of rows) days.set(row.day, [...(days.get(row.day) ?? []), { currency: row.currency, amountMinor: row.amountMinor }]);
  return [...days].map(([day, fees]) => ({ day, fees: money(fees) }));
}

async function platformStats(loaders: AnalyticsLoaders, range: StatsRange): Promise<PlatformStats> {
  const [counts, released, days, held] = await Promise.all([loaders.countFacts(range), loaders.sumReleased(range), loaders.feesByDay(range), loaders.sumHeld()]);
  const count = (kind: Parameters<typeof counts.get>[0]) => counts.get(kind) ?? 0;
  const completed = count('TASK_COMPLETED');
  const cancelled = count('TASK_CANCELLED');
  return {
    from: range.from,
    to: range.to,
    feesEarned: money(released.fees),
    volume: money(released.volume),
    earningsByDay: earningsByDay(days),
    signUps: count('SIGN_UP'),
    tasksPosted: count('TASK_POSTED'),
    bidsPlaced: count('BID_PLACED'),
    tasksCompleted: completed,
    tasksCancelled: cancelled,
    completionRate: rate(completed, completed + cancelled),
    disputesOpened: count('DISPUTE_OPENED'),
    disputeRate: rate(count('DISPUTE_OPENED'), count('TASK_ASSIGNED')),
    escrowNow: money(held),
  };
}

/** Every field is for administrators only (FORBIDDEN otherwise), checked before any read. */
export function createResolvers(): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: {
      platformStats: (_root, args, ctx) => {
        requireRole(ctx.identity, 'ADMIN');
        return platformStats(ctx.loaders, parseRange(args, new Date(), todaySoFar));
      },
      topTasks: async (_root, args, ctx) => {
        requireRole(ctx.identity, 'ADMIN');
        const page = parseRankPage(args);
        const currency = args.currency ? parseCurrency(args.currency, 'currency') : null;
        const rows = await ctx.loaders.rankTasks({ range: periodRange(args.period, new Date()), currency, ...page });
        return rankConnection(rows, page, (row) => ({ task: { id: row.taskId }, price: toApiMoney(row.amountMinor, row.currency), agreedAt: row.heldAt }));
      },
      topTaskers: async (_root, args, ctx) => {
        requireRole(ctx.identity, 'ADMIN');
        const page = parseRankPage(args);
        const rows = await ctx.loaders.rankTaskers({ range: parseRange(args, new Date(), lastThirtyDays), ...page });
        return rankConnection(rows, page, (row) => ({ tasker: { id: row.taskerId }, earned: toApiMoney(row.earnedMinor, row.currency), tasksPaid: row.tasksPaid }));
      },
    },
  };
}
