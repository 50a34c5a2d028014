import { describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { and, eq, inArray } from 'drizzle-orm';
import { accounts, transfers } from '../src/db/tables.js';
import { HOT_ACCOUNT_SHARDS } from '../src/domain/ledger-kinds.js';
import { accountsNotMatchingTransfers, unbalancedCurrencies } from './books.js';
import { deposit, newUserId, usd } from './wallet-api.js';
import { newId } from './seed.js';

// The platform's own accounts are split into shards so concurrent deposits, payouts and fees do
// not queue on one row (domain/ledger-kinds.ts). Conservation must stay exact: every shard is an
// account whose balance is its transfers in minus out, and the books still sum to zero.

const db = useStackDb();

/** The Postgres constraint a statement was refused by (drizzle wraps the error in `cause`). */
async function refusedBy(run: () => Promise<unknown>): Promise<string | undefined> {
  const err = await run().then(
    () => null,
    (e: unknown) => e as { cause?: { constraint?: string } },
  );
  if (!err) throw new Error('expected the statement to be refused');
  return err.cause?.constraint;
}

describe("the platform's sharded accounts", () => {
  it('spread concurrent deposits over several shards of the outside world, and the books stay exact', async () => {
    const users = Array.from({ length: 32 }, newUserId);
    const payloads = await Promise.all(users.map((u, i) => deposit(u, usd(1_000 + i))));
    const rows = await db
      .select({ shard: accounts.shard, kind: accounts.kind, amountMinor: transfers.amountMinor })
      .from(transfers)
      .innerJoin(accounts, eq(accounts.id, transfers.debitAccountId))
      .where(inArray(transfers.id, payloads.map((p) => p.transaction.id)));
    expect(rows).toHaveLength(32);
    expect(rows.every((r) => r.kind === 'external')).toBe(true);
    // 32 deposits all on one of 16 shards would be a 16^-31 chance: they are spread.
    expect(new Set(rows.map((r) => r.shard)).size).toBeGreaterThan(1);
    expect(rows.reduce((a, r) => a + r.amountMinor, 0)).toBe(32 * 1_000 + (31 * 32) / 2);
    expect(await unbalancedCurrencies(db)).toEqual([]);
    expect(await accountsNotMatchingTransfers(db)).toEqual([]);
  });

  it('hold at most one account per kind, currency and shard', async () => {
    const shards = await db
      .select({ shard: accounts.shard })
      .from(accounts)
      .where(and(eq(accounts.kind, 'external'), eq(accounts.currency, 'USD')));
    expect(shards.length).toBe(new Set(shards.map((s) => s.shard)).size);
    expect(shards.every((s) => s.shard >= 0 && s.shard < HOT_ACCOUNT_SHARDS)).toBe(true);
  });

  it('refuse a shard on a user wallet and a shard out of range', async () => {
    expect(await refusedBy(() => db.insert(accounts).values({ kind: 'user', ownerId: newId(), currency: 'USD', shard: 1 }))).toBe('accounts_shard_only_platform');
    expect(await refusedBy(() => db.insert(accounts).values({ kind: 'platform', currency: 'EUR', shard: HOT_ACCOUNT_SHARDS }))).toBe('accounts_shard_in_range');
  });
});
