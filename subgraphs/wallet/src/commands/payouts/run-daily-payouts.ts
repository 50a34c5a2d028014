import { sql } from 'drizzle-orm';
import { findPayoutCandidates, findPendingPayouts } from '../../db/payout-queries.js';
import { finishRun, insertRun, type RunTally } from '../../db/payout-writes.js';
import type { PayoutRunRow } from '../../db/tables.js';
import type { WalletDeps } from '../../deps.js';
import { addToTotals } from '../../domain/payout-status.js';
import { payoutDay } from '../../domain/payout-rules.js';
import { finishPayout, payPayout, type PayoutResult } from './pay-payout.js';

export interface PayoutRunOptions {
  now: Date;
  /** PAYOUT_MIN_BALANCE_MINOR: wallets below it wait for a later day. */
  thresholdMinor: number;
  /** PAYOUT_BATCH: wallets read per query. */
  batch: number;
  /** PAYOUT_MAX_PER_RUN: a bound on one run's work; the rest waits for the next day. */
  maxPerRun: number;
}

// One key for the whole job: a second instance skips the run instead of racing it (the payouts'
// unique key would still keep it from paying twice, but the admin would see a duplicate run).
const RUN_LOCK = 'wallet.daily-payouts';

/**
 * The daily payout job's run: null when another instance is running one. Holds a
 * transaction-scoped advisory lock for the run's length (on its own connection), so the lock
 * goes with a dead process.
 */
export async function runDailyPayouts(deps: WalletDeps, opts: PayoutRunOptions): Promise<PayoutRunRow | null> {
  return deps.db.transaction(async (lockTx) => {
    const { rows } = await lockTx.execute<{ locked: boolean }>(sql`SELECT pg_try_advisory_xact_lock(hashtext(${RUN_LOCK})) AS locked`);
    if (!rows[0]?.locked) return null;
    return payoutPass(deps, opts);
  });
}

/**
 * One pass without the run lock: finishes payouts dead runs left pending, then pays every
 * wallet at or above the threshold whose owner has a destination and was not paid today. Safe
 * to run twice at once (tested): each payout is decided under its wallet's lock and unique per
 * (user, day, currency).
 */
export async function payoutPass(deps: WalletDeps, opts: PayoutRunOptions): Promise<PayoutRunRow> {
  const day = payoutDay(opts.now);
  const run = await insertRun(deps.db, day);
  const tally: RunTally = { paidCount: 0, failedCount: 0, pendingCount: 0, totals: [] };
  let budget = opts.maxPerRun;
  for (const pending of await findPendingPayouts(deps.db, Math.min(opts.batch, budget))) {
    count(tally, await finishPayout(deps, pending));
    budget -= 1;
  }
  let afterAccountId: string | null = null;
  while (budget > 0) {
    const candidates = await findPayoutCandidates(deps.db, { day, thresholdMinor: opts.thresholdMinor, limit: Math.min(opts.batch, budget), afterAccountId });
    for (const candidate of candidates) {
      count(tally, await payPayout(deps, { ...candidate, day, runId: run.id, thresholdMinor: opts.thresholdMinor }));
      budget -= 1;
    }
    const last = candidates.at(-1);
    if (!last || candidates.length < opts.batch) break;
    afterAccountId = last.accountId;
  }
  return finishRun(deps.db, run.id, tally);
}

function count(tally: RunTally, result: PayoutResult): void {
  if (result.status === 'skipped') return;
  if (result.status === 'pending') {
    tally.pendingCount += 1;
    return;
  }
  if (result.status === 'failed') {
    tally.failedCount += 1;
    return;
  }
  tally.paidCount += 1;
  tally.totals = addToTotals(tally.totals, { amountMinor: result.payout.amountMinor, currency: result.payout.currency });
}
