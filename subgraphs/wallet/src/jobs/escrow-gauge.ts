import { Gauge, type Registry } from 'prom-client';
import type { Db, Logger } from '@sx/runtime';
import { escrowTotals } from '../db/escrow-totals.js';

/**
 * `sx_escrow_held_minor{currency}`: money in escrow now, read from the ledger when Prometheus
 * scrapes (not counted from events, so it can never drift from the ledger).
 */
export function registerEscrowGauge(registry: Registry, db: Db, log: Logger): void {
  new Gauge({
    name: 'sx_escrow_held_minor',
    help: 'Money held in escrow now (accepted bids not yet released or refunded), in minor units, by currency',
    labelNames: ['currency'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const row of await escrowTotals(db)) this.set({ currency: row.currency }, row.heldMinor);
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'escrow gauge: ledger unreadable');
      }
    },
  });
}
