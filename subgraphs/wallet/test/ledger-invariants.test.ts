import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createPool, migrateService, type Db } from '@sx/runtime';
import { createFreshDatabase, dropDatabase, eventually, scrapeMetrics, stackInfo } from '@sx/testkit';
import type pg from 'pg';
import { postTransfer } from '../src/commands/ledger/post-transfer.js';
import { readLedgerInvariants } from '../src/db/ledger-check-queries.js';
import { payments } from '../src/db/tables.js';
import { createLedgerGauges, showLedgerInvariants } from '../src/jobs/ledger-invariants.js';

// The invariants are read on a database of this file's own: it breaks them on purpose (which
// the shared stack's ledger must never see), then checks the stack's /metrics shows them.

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../drizzle');
let url: string;
let pool: pg.Pool;
let db: Db;

beforeAll(async () => {
  url = await createFreshDatabase('sx_ledger_check');
  pool = createPool({ url, max: 2 });
  db = createDb(pool);
  await migrateService(pool, 'wallet', MIGRATIONS);
});

afterAll(async () => {
  await pool?.end();
  if (url) await dropDatabase(url);
});

const user = (ownerId: string) => ({ kind: 'user' as const, ownerId, currency: 'USD' as const });
const world = { kind: 'external' as const, currency: 'USD' as const };

/** A deposit of `amountMinor` and a hold of `heldMinor` of it for a task, as the commands post them. */
async function depositAndHold(amountMinor: number, heldMinor: number, heldAt: Date): Promise<string> {
  const payerId = randomUUID();
  return db.transaction(async (tx) => {
    await postTransfer(tx, { kind: 'deposit', debit: world, credit: user(payerId), amountMinor, currency: 'USD', reference: `deposit:${randomUUID()}` });
    const [payment] = await tx
      .insert(payments)
      .values({ taskId: randomUUID(), bidId: randomUUID(), payerId, payeeId: randomUUID(), amountMinor: heldMinor, currency: 'USD', createdAt: heldAt })
      .returning();
    if (!payment) throw new Error('payment not inserted');
    await postTransfer(tx, {
      kind: 'escrow_hold',
      debit: user(payerId),
      credit: { kind: 'escrow', paymentId: payment.id, currency: 'USD' },
      amountMinor: heldMinor,
      currency: 'USD',
      reference: `payment:${payment.id}:hold`,
      paymentId: payment.id,
    });
    return payerId;
  });
}

const metricsText = async (nowMs: number) => {
  const registry = new Registry();
  showLedgerInvariants(createLedgerGauges(registry), await readLedgerInvariants(db), nowMs);
  return registry.metrics();
};

describe('ledger invariants', () => {
  it('reads a balanced ledger as Σ 0, nothing below zero, and its open escrows with the oldest age', async () => {
    const oldest = new Date(Date.now() - 3_600_000);
    await depositAndHold(10_000, 4_000, oldest);
    await depositAndHold(5_000, 1_000, new Date());
    const inv = await readLedgerInvariants(db);
    expect(inv.currencies).toEqual([{ currency: 'USD', balanceSumMinor: 0, accountsBelowZero: 0, openEscrows: 2, oldestEscrowAt: oldest }]);

    const text = await metricsText(oldest.getTime() + 3_600_000);
    expect(text).toContain('sx_ledger_balance_sum_minor{currency="USD"} 0');
    expect(text).toContain('sx_ledger_accounts_below_zero{currency="USD"} 0');
    expect(text).toContain('sx_ledger_open_escrows{currency="USD"} 2');
    expect(text).toContain('sx_ledger_oldest_open_escrow_age_seconds{currency="USD"} 3600');
  });

  it('shows a balance changed without its counterpart, and an account pushed below zero', async () => {
    const payerId = await depositAndHold(2_000, 500, new Date());
    // What a bug bypassing postTransfer would do; the CHECK that forbids negatives has to go first.
    await db.execute(sql`UPDATE wallet.accounts SET balance_minor = balance_minor + 7 WHERE owner_id = ${payerId}`);
    await db.execute(sql`ALTER TABLE wallet.accounts DROP CONSTRAINT accounts_only_external_negative`);
    await db.execute(sql`UPDATE wallet.accounts SET balance_minor = -1 WHERE kind = 'escrow' AND id = (SELECT id FROM wallet.accounts WHERE kind = 'escrow' LIMIT 1)`);

    const [usd] = (await readLedgerInvariants(db)).currencies;
    expect(usd?.accountsBelowZero).toBe(1);
    expect(usd?.balanceSumMinor).not.toBe(0);
    const text = await metricsText(Date.now());
    expect(text).toContain('sx_ledger_accounts_below_zero{currency="USD"} 1');
    expect(text).toMatch(/sx_ledger_balance_sum_minor\{currency="USD"\} -?[1-9]/);
  });
});

describe("the wallet's /metrics", () => {
  it('serves the ledger gauges, kept current by the periodic check', async () => {
    const wallet = stackInfo().services.wallet;
    if (!wallet) throw new Error('wallet is not running in this stack');
    const first = await scrapeMetrics(wallet);
    // Every test's money moves through the shared ledger; whatever it holds, it balances.
    expect(first).toMatch(/sx_ledger_balance_sum_minor\{currency="USD",service="wallet"\} 0\n/);
    expect(first).toMatch(/sx_ledger_accounts_below_zero\{currency="USD",service="wallet"\} 0\n/);
    expect(first).toMatch(/sx_ledger_open_escrows\{currency="USD",service="wallet"\} \d+/);
    const checkedAt = (text: string) => Number(/sx_ledger_check_last_success_timestamp_seconds\{service="wallet"\} ([\d.e+]+)/.exec(text)?.[1]);
    const before = checkedAt(first);
    expect(before).toBeGreaterThan(0);
    await eventually(() => scrapeMetrics(wallet), (text) => checkedAt(text) > before, { timeoutMs: 10_000, what: 'a newer ledger check' });
  });
});
