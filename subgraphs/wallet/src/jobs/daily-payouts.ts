import { clockNow, startRepeatingJob, type Logger, type RepeatingJob } from '@sx/runtime';
import { runDailyPayouts, type PayoutRunOptions } from '../commands/payouts/run-daily-payouts.js';
import { lastFinishedRunDay } from '../db/payout-queries.js';
import type { WalletDeps } from '../deps.js';
import { isPayoutRunDue } from '../domain/payout-rules.js';

export interface DailyPayoutSettings extends Omit<PayoutRunOptions, 'now'> {
  /** PAYOUT_HOUR_UTC: the hour from which a day's run may start. */
  payoutHourUtc: number;
  /** PAYOUT_CHECK_INTERVAL_MS: how often each instance asks whether the day's run is due. */
  checkIntervalMs: number;
}

/**
 * Checks every `checkIntervalMs` whether today's payout run is due and runs it; every instance
 * checks, one runs (the run's advisory lock), and a run that died is simply run again.
 */
export function startDailyPayouts(deps: WalletDeps & { log: Logger }, s: DailyPayoutSettings): RepeatingJob {
  return startRepeatingJob({
    name: 'daily payouts',
    log: deps.log,
    run: async () => {
      const now = new Date(clockNow());
      if (!isPayoutRunDue({ now, payoutHourUtc: s.payoutHourUtc, lastFinishedDay: await lastFinishedRunDay(deps.db) })) return;
      const run = await runDailyPayouts(deps, { ...s, now });
      if (run) deps.log.info({ runId: run.id, day: run.day, paid: run.paidCount, failed: run.failedCount, pending: run.pendingCount }, 'daily payouts run');
    },
    nextDelayMs: () => s.checkIntervalMs,
    retryMs: s.checkIntervalMs,
  });
}
