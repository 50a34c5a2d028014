import { describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { and, eq } from 'drizzle-orm';
import { errorCode } from '@sx/testkit';
import { idempotencyKeys } from '../src/db/tables.js';
import { knownUser } from './seed.js';
import {
  deposit,
  depositRaw,
  ledgerState,
  newKey,
  newUserId,
  readWallet,
  sendRaw,
  usd,
  withdraw,
  withdrawRaw,
  type ApiPayload,
} from './wallet-api.js';

const db = useStackDb();

describe('idempotency keys', () => {
  it('answers a repeated deposit with the first result and credits it once', async () => {
    const user = newUserId();
    const key = newKey();
    const first = await deposit(user, usd(2_000), key);
    const again = await deposit(user, { amount: 2_000, currency: 'usd' }, key);
    expect(again.transaction).toEqual(first.transaction);
    expect(again.replayed).toBe(true);
    expect(first.replayed).toBe(false);
    const wallet = await readWallet(user);
    expect(wallet.balance).toEqual(usd(2_000));
    expect(wallet.transactions.edges).toHaveLength(1);
    expect(await ledgerState(db, [user])).toMatchObject({ transfers: 1, keys: 1, providerRequests: 1, events: 1 });
  });

  it('answers a repeated withdrawal with the first result and pays out once', async () => {
    const user = newUserId();
    await deposit(user, usd(1_000));
    const key = newKey();
    const first = await withdraw(user, usd(600), key);
    const again = await withdraw(user, usd(600), key);
    expect(again).toEqual({ ...first, replayed: true });
    expect((await readWallet(user)).balance).toEqual(usd(400));
  });

  it('answers a repeated declined payout with the same decline, and reverses it once', async () => {
    const user = newUserId();
    await deposit(user, usd(2_000_000));
    const key = newKey();
    const first = await withdrawRaw(user, { amount: usd(1_000_001), idempotencyKey: key });
    const again = await withdrawRaw(user, { amount: usd(1_000_001), idempotencyKey: key });
    expect(errorCode(first)).toBe('BAD_USER_INPUT');
    expect(again.errors).toEqual(first.errors);
    expect(await ledgerState(db, [user])).toMatchObject({ transfers: 3, providerRequests: 2 });
    expect((await readWallet(user)).balance).toEqual(usd(2_000_000));
  });

  it('refuses the same key with a different amount, and changes nothing', async () => {
    const user = newUserId();
    const key = newKey();
    await deposit(user, usd(1_000), key);
    const before = await ledgerState(db, [user]);
    const res = await depositRaw(user, { amount: usd(1_001), idempotencyKey: key });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe(
      `The idempotency key "${key}" was already used for a different request; use a new key for each new request.`,
    );
    expect(await ledgerState(db, [user])).toEqual(before);
  });

  it('refuses the same key for another operation', async () => {
    const user = newUserId();
    const key = newKey();
    await deposit(user, usd(1_000), key);
    const res = await withdrawRaw(user, { amount: usd(1_000), idempotencyKey: key });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect((await readWallet(user)).balance).toEqual(usd(1_000));
  });

  it('scopes keys per user: two users may use the same key', async () => {
    const [alice, bob] = [newUserId(), newUserId()];
    const key = newKey();
    const a = await deposit(alice, usd(100), key);
    const b = await deposit(bob, usd(100), key);
    expect(b.replayed).toBe(false);
    expect(b.transaction.id).not.toBe(a.transaction.id);
  });

  it('forgets a key whose request was refused for lack of money, so it works once money is there', async () => {
    const [alice, bob] = await Promise.all([knownUser(db), knownUser(db)]);
    const key = newKey();
    const input = { toUserId: bob, amount: usd(300), idempotencyKey: key };
    expect(errorCode(await sendRaw(alice, input))).toBe('INSUFFICIENT_FUNDS');
    await deposit(alice, usd(300));
    const res = await sendRaw(alice, input);
    expect(res.errors).toBeUndefined();
    expect(res.data?.sendMoney.replayed).toBe(false);
    expect((await readWallet(bob)).balance).toEqual(usd(300));
  });

  it('keeps a finished key for at least 24 hours', async () => {
    const user = newUserId();
    const key = newKey();
    await deposit(user, usd(100), key);
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, user), eq(idempotencyKeys.key, key)));
    expect(row?.status).toBe('done');
    expect((row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0)).toBeGreaterThanOrEqual(24 * 3_600_000);
  });

  it('moves money once when the same deposit is sent 50 times at once', async () => {
    const user = newUserId();
    const key = newKey();
    const results = await Promise.all(Array.from({ length: 50 }, () => depositRaw(user, { amount: usd(777), idempotencyKey: key })));
    const succeeded = results.filter((r) => !r.errors).map((r) => r.data?.deposit as ApiPayload);
    const refused = results.filter((r) => r.errors);
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    expect(new Set(succeeded.map((p) => p.transaction.id)).size).toBe(1);
    expect(succeeded.filter((p) => !p.replayed)).toHaveLength(1);
    for (const res of refused) {
      expect(errorCode(res)).toBe('CONFLICT');
      expect(res.errors?.[0]?.message).toContain('still being processed');
    }
    expect(await ledgerState(db, [user])).toMatchObject({ transfers: 1, keys: 1, providerRequests: 1, events: 1 });
    expect((await readWallet(user)).balance).toEqual(usd(777));
    // Once the first finished, a retry gets its result.
    expect((await deposit(user, usd(777), key)).transaction.id).toBe(succeeded[0]?.transaction.id);
  });
});
