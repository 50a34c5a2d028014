import { sql } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { accounts, payments, payouts } from './tables.js';

/** The ledger's invariants in one currency, as read now. */
export interface CurrencyInvariants {
  currency: string;
  /** Σ of every account's balance: zero in a double-entry ledger. */
  balanceSumMinor: number;
  /** Accounts other than the outside world's mirror with a negative balance: zero (the CHECK forbids them). */
  accountsBelowZero: number;
  /** Escrow payments still HELD, and when the oldest was held (null when none). */
  openEscrows: number;
  oldestEscrowAt: Date | null;
}

export interface LedgerInvariants {
  currencies: CurrencyInvariants[];
  /** Daily payouts still waiting for the provider's answer, and the oldest's start. */
  pendingPayouts: number;
  oldestPendingPayoutAt: Date | null;
}

const toDate = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

/**
 * Reads the invariants, each aggregate in one statement so it is one snapshot (a balance pair
 * half-seen would show a false imbalance). Full scans of accounts and of the HELD payments'
 * index: fine every LEDGER_CHECK_INTERVAL_MS, not per request.
 */
export async function readLedgerInvariants(db: Db): Promise<LedgerInvariants> {
  const [balances, escrows, pending] = await Promise.all([
    db
      .select({
        currency: accounts.currency,
        balanceSumMinor: sql<string>`sum(${accounts.balanceMinor})`,
        accountsBelowZero: sql<number>`count(*) FILTER (WHERE ${accounts.kind} <> 'external' AND ${accounts.balanceMinor} < 0)`.mapWith(Number),
      })
      .from(accounts)
      .groupBy(accounts.currency),
    db
      .select({
        currency: payments.currency,
        openEscrows: sql<number>`count(*)`.mapWith(Number),
        oldestEscrowAt: sql<string | Date | null>`min(${payments.createdAt})`,
      })
      .from(payments)
      .where(sql`${payments.status} = 'HELD'`)
      .groupBy(payments.currency),
    db
      .select({ count: sql<number>`count(*)`.mapWith(Number), oldest: sql<string | Date | null>`min(${payouts.createdAt})` })
      .from(payouts)
      .where(sql`${payouts.status} = 'pending'`),
  ]);
  const currencies = new Set([...balances.map((b) => b.currency), ...escrows.map((e) => e.currency)]);
  return {
    currencies: [...currencies].sort().map((currency) => {
      const b = balances.find((x) => x.currency === currency);
      const e = escrows.find((x) => x.currency === currency);
      return {
        currency,
        balanceSumMinor: Number(b?.balanceSumMinor ?? 0),
        accountsBelowZero: b?.accountsBelowZero ?? 0,
        openEscrows: e?.openEscrows ?? 0,
        oldestEscrowAt: toDate(e?.oldestEscrowAt ?? null),
      };
    }),
    pendingPayouts: pending[0]?.count ?? 0,
    oldestPendingPayoutAt: toDate(pending[0]?.oldest ?? null),
  };
}
