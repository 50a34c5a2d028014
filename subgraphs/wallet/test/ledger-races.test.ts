import { describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { sql } from 'drizzle-orm';
import { errorCode } from '@sx/testkit';
import { accountsNotMatchingTransfers, unbalancedCurrencies } from './books.js';
import { knownUser } from './seed.js';
import { deposit, ledgerState, newKey, newUserId, readWallet, sendRaw, usd, withdrawRaw } from './wallet-api.js';

// Races against the real service and database; the last block checks the books of the whole
// ledger (every test file's money included) once they are done.

const db = useStackDb();

describe('concurrent money movements', () => {
  it('lets exactly one of 20 concurrent withdrawals of the whole balance through', async () => {
    const user = newUserId();
    await deposit(user, usd(5_000));
    const results = await Promise.all(Array.from({ length: 20 }, () => withdrawRaw(user, { amount: usd(5_000), idempotencyKey: newKey() })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map(errorCode)).toEqual(Array.from({ length: 19 }, () => 'INSUFFICIENT_FUNDS'));
    const wallet = await readWallet(user);
    expect(wallet.balance).toEqual(usd(0));
    expect(wallet.transactions.edges.map((e) => e.node.kind)).toEqual(['WITHDRAWAL', 'DEPOSIT']);
    // The refused ones left no key behind, and asked the provider for nothing.
    expect(await ledgerState(db, [user])).toMatchObject({ transfers: 2, keys: 2, providerRequests: 2 });
  });

  it('settles sends in both directions at once without deadlocks or lost money', async () => {
    const [alice, bob] = await Promise.all([knownUser(db), knownUser(db)]);
    await Promise.all([deposit(alice, usd(1_000)), deposit(bob, usd(1_000))]);
    const sends = Array.from({ length: 30 }, (_, i) =>
      i % 2 === 0
        ? sendRaw(alice, { toUserId: bob, amount: usd(10 + i), idempotencyKey: newKey() })
        : sendRaw(bob, { toUserId: alice, amount: usd(10 + i), idempotencyKey: newKey() }),
    );
    const results = await Promise.all(sends);
    expect(results.filter((r) => r.errors).map((r) => r.errors)).toEqual([]);
    const [a, b] = await Promise.all([readWallet(alice), readWallet(bob)]);
    const fromAlice = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 2 === 0).reduce((sum, i) => sum + 10 + i, 0);
    const fromBob = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 2 === 1).reduce((sum, i) => sum + 10 + i, 0);
    expect(a.balance).toEqual(usd(1_000 - fromAlice + fromBob));
    expect(b.balance).toEqual(usd(1_000 - fromBob + fromAlice));
  });

  it('never lets concurrent sends spend more than the balance', async () => {
    const [alice, bob, carol] = await Promise.all([knownUser(db), knownUser(db), knownUser(db)]);
    await deposit(alice, usd(1_000));
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => sendRaw(alice, { toUserId: i % 2 ? bob : carol, amount: usd(100), idempotencyKey: newKey() })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(10);
    expect(results.filter((r) => r.errors).map(errorCode)).toEqual(['INSUFFICIENT_FUNDS', 'INSUFFICIENT_FUNDS']);
    expect((await readWallet(alice)).balance).toEqual(usd(0));
    const [b, c] = await Promise.all([readWallet(bob), readWallet(carol)]);
    expect(b.balance.amount + c.balance.amount).toBe(1_000);
  });
});

describe('the books', () => {
  it('sum to zero per currency over all accounts', async () => {
    expect(await unbalancedCurrencies(db)).toEqual([]);
  });

  it("hold every account's balance as the sum of its transfers in minus out", async () => {
    expect(await accountsNotMatchingTransfers(db)).toEqual([]);
  });

  it('never let an account but the external one go below zero', async () => {
    const rows = await db.execute<{ n: string }>(sql`SELECT count(*)::text AS n FROM wallet.accounts WHERE kind <> 'external' AND balance_minor < 0`);
    expect(rows.rows[0]?.n).toBe('0');
  });
});
