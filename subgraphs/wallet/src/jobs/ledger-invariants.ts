import { Gauge, type Registry } from 'prom-client';
import { clockNow, startRepeatingJob, type Db, type Logger, type RepeatingJob } from '@sx/runtime';
import { readLedgerInvariants, type LedgerInvariants } from '../db/ledger-check-queries.js';

/** The gauges /metrics shows for the ledger (deploy/prometheus/ledger-rules.yml alerts on them). */
export function createLedgerGauges(registry: Registry) {
  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] });
  return {
    balanceSum: gauge('sx_ledger_balance_sum_minor', 'Σ of all account balances per currency, in minor units: 0 in a double-entry ledger', ['currency']),
    belowZero: gauge('sx_ledger_accounts_below_zero', 'Accounts other than the outside world mirror with a negative balance, per currency: should be 0', ['currency']),
    openEscrows: gauge('sx_ledger_open_escrows', 'Escrow payments still HELD, per currency', ['currency']),
    oldestEscrowAge: gauge('sx_ledger_oldest_open_escrow_age_seconds', 'Age of the oldest HELD escrow payment per currency (0 when none)', ['currency']),
    pendingPayouts: gauge('sx_payouts_pending', 'Daily payouts waiting for the payment provider’s answer'),
    oldestPendingPayoutAge: gauge('sx_payouts_oldest_pending_age_seconds', 'Age of the oldest pending daily payout (0 when none)'),
    lastCheck: gauge('sx_ledger_check_last_success_timestamp_seconds', 'When the ledger invariants were last read successfully (Unix time)'),
  };
}

export type LedgerGauges = ReturnType<typeof createLedgerGauges>;

const ageSeconds = (since: Date | null, nowMs: number) => (since ? Math.max(0, (nowMs - since.getTime()) / 1000) : 0);

/** Sets the gauges from one reading; a currency no longer seen is dropped rather than left stale. */
export function showLedgerInvariants(gauges: LedgerGauges, inv: LedgerInvariants, nowMs: number): void {
  for (const g of [gauges.balanceSum, gauges.belowZero, gauges.openEscrows, gauges.oldestEscrowAge]) g.reset();
  for (const c of inv.currencies) {
    gauges.balanceSum.set({ currency: c.currency }, c.balanceSumMinor);
    gauges.belowZero.set({ currency: c.currency }, c.accountsBelowZero);
    gauges.openEscrows.set({ currency: c.currency }, c.openEscrows);
    gauges.oldestEscrowAge.set({ currency: c.currency }, ageSeconds(c.oldestEscrowAt, nowMs));
  }
  gauges.pendingPayouts.set(inv.pendingPayouts);
  gauges.oldestPendingPayoutAge.set(ageSeconds(inv.oldestPendingPayoutAt, nowMs));
  gauges.lastCheck.set(nowMs / 1000);
}

/** Re-reads the invariants every `intervalMs` (LEDGER_CHECK_INTERVAL_MS) so the gauges stay current for alerts. */
export function startLedgerCheck(deps: { db: Db; log: Logger; registry: Registry }, intervalMs: number): RepeatingJob {
  const gauges = createLedgerGauges(deps.registry);
  return startRepeatingJob({
    name: 'ledger invariants check',
    log: deps.log,
    run: async () => {
      const inv = await readLedgerInvariants(deps.db);
      showLedgerInvariants(gauges, inv, clockNow());
      const broken = inv.currencies.filter((c) => c.balanceSumMinor !== 0 || c.accountsBelowZero !== 0);
      // Logged as well as shown: an alert points here, the log line says which currency.
      if (broken.length > 0) deps.log.error({ broken }, 'ledger invariants broken');
    },
    nextDelayMs: () => intervalMs,
    retryMs: intervalMs,
  });
}
