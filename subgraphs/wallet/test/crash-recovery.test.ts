import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { and, eq } from 'drizzle-orm';
import { createLogger } from '@sx/runtime';
import { errorCode } from '@sx/testkit';
import { idempotencyKeys, providerRequests } from '../src/db/tables.js';
import { requestHash } from '../src/commands/ledger/request-hash.js';
import type { IdempotentOperation, KeyPhase, RequestParams } from '../src/domain/idempotency.js';
import { sweepKeys } from '../src/commands/sweep-keys.js';
import { postTransfer } from '../src/commands/ledger/post-transfer.js';
import { createLocalProvider } from '../src/payment-provider/local-provider.js';
import { accountOf, deposit, depositRaw, eventsOf, ledgerState, newKey, newUserId, readWallet, usd, withdraw, withdrawRaw } from './wallet-api.js';

// A process can die between any two steps of a request. These tests build the state such a
// death leaves behind (as the code writes it) and check that a retry with the same key, or the
// service's key sweep, finishes the request exactly once. Everything in one file: the sweep
// takes over any abandoned key, so no other file fabricates them.

const db = useStackDb();
const LEASE_MS = 30_000;
const sweeper = () => ({
  db,
  provider: createLocalProvider(db, { maxChargeMinor: 2_500_000, maxPayoutMinor: 1_000_000 }),
  keys: { leaseMs: LEASE_MS, ttlHours: 24 },
  log: createLogger('wallet-test', 'silent'),
});

const params = (amountMinor: number, extra: Partial<RequestParams> = {}): RequestParams => ({
  amountMinor,
  currency: 'USD',
  recipientId: null,
  note: null,
  ...extra,
});

/** The key row of a request whose process stopped at `phase`, its lease ending `lockedForMs` from now. */
async function unfinishedKey(opts: {
  userId: string;
  key: string;
  operation: IdempotentOperation;
  params: RequestParams;
  phase?: KeyPhase;
  transferId?: string;
  lockedForMs: number;
}) {
  const now = Date.now();
  const [row] = await db
    .insert(idempotencyKeys)
    .values({
      userId: opts.userId,
      key: opts.key,
      operation: opts.operation,
      params: opts.params,
      requestHash: requestHash(opts.operation, opts.params),
      phase: opts.phase ?? 'claimed',
      transferId: opts.transferId ?? null,
      lockedUntil: new Date(now + opts.lockedForMs),
      createdAt: new Date(now),
      expiresAt: new Date(now + 24 * 3_600_000),
    })
    .returning();
  if (!row) throw new Error('key not inserted');
  return row;
}

/** What a withdrawal's first step commits: the debit and the recovery point. */
async function debitedWithdrawal(userId: string, key: string, amountMinor: number, lockedForMs: number) {
  const requestId = randomUUID();
  const { transfer } = await db.transaction((tx) =>
    postTransfer(tx, {
      kind: 'withdrawal',
      debit: { kind: 'user', ownerId: userId, currency: 'USD' },
      credit: { kind: 'external', currency: 'USD' },
      amountMinor,
      currency: 'USD',
      reference: `withdrawal:${requestId}`,
    }),
  );
  const row = await unfinishedKey({ userId, key, operation: 'withdraw', params: params(amountMinor), phase: 'debited', transferId: transfer.id, lockedForMs });
  await db.update(idempotencyKeys).set({ requestId }).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, row.key)));
  return { requestId, transferId: transfer.id };
}

const keyRow = async (userId: string, key: string) =>
  (await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))))[0] ?? null;

const requestsOf = (userId: string) => db.select().from(providerRequests).where(eq(providerRequests.userId, userId));

describe('a retry with the same key after the process died', () => {
  it('answers CONFLICT while the first process may still be running, and changes nothing', async () => {
    const user = newUserId();
    await deposit(user, usd(1_000));
    const key = newKey();
    await unfinishedKey({ userId: user, key, operation: 'withdraw', params: params(500), lockedForMs: LEASE_MS });
    const before = await ledgerState(db, [user]);
    const res = await withdrawRaw(user, { amount: usd(500), idempotencyKey: key });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toBe('A request with this idempotency key is still being processed; retry it in a moment to get its result.');
    expect(await ledgerState(db, [user])).toEqual(before);
  });

  it('pays out a withdrawal that died after the debit, without debiting twice', async () => {
    const user = newUserId();
    await deposit(user, usd(1_000));
    const key = newKey();
    const { transferId } = await debitedWithdrawal(user, key, 400, -1_000);
    const result = await withdraw(user, usd(400), key);
    expect(result.transaction).toMatchObject({ id: transferId, kind: 'WITHDRAWAL', balanceAfter: usd(600) });
    expect(result.wallet.balance).toEqual(usd(600));
    expect((await requestsOf(user)).filter((r) => r.operation === 'payout').map((r) => [r.amountMinor, r.status])).toEqual([[400, 'succeeded']]);
    expect(await keyRow(user, key)).toMatchObject({ status: 'done', response: { outcome: 'ok', transferId } });
    const account = await accountOf(db, user);
    expect((await eventsOf(db, account?.id ?? '')).map((e) => e.type)).toEqual(['wallet.money.deposited', 'wallet.money.withdrawn']);
  });

  it('credits a deposit that died after the charge once, and charges once', async () => {
    const user = newUserId();
    const key = newKey();
    const row = await unfinishedKey({ userId: user, key, operation: 'deposit', params: params(2_000), lockedForMs: -1_000 });
    await db.insert(providerRequests).values({ operation: 'charge', requestId: row.requestId, userId: user, amountMinor: 2_000, currency: 'USD', status: 'succeeded' });
    const res = await depositRaw(user, { amount: usd(2_000), idempotencyKey: key });
    expect(res.errors).toBeUndefined();
    expect((await readWallet(user)).balance).toEqual(usd(2_000));
    expect(await requestsOf(user)).toHaveLength(1);
    expect(await ledgerState(db, [user])).toMatchObject({ transfers: 1, keys: 1, events: 1 });
  });
});

describe('the key sweep', () => {
  it('expires keys by the database clock: a sweep whose process clock runs a day and more ahead purges nothing early', async () => {
    const user = newUserId();
    const key = newKey();
    const first = await deposit(user, usd(500), key);
    process.env.CLOCK_OFFSET_MS = String(25 * 60 * 60 * 1000);
    try {
      await sweepKeys(sweeper(), 100);
    } finally {
      delete process.env.CLOCK_OFFSET_MS;
    }
    expect(await keyRow(user, key)).toMatchObject({ status: 'done' });
    // The retry is still answered from the key: the same transfer, no second credit.
    expect((await deposit(user, usd(500), key)).transaction.id).toBe(first.transaction.id);
    expect((await readWallet(user)).balance).toEqual(usd(500));
  });

  it('pays out an abandoned withdrawal nobody retried', async () => {
    const user = newUserId();
    await deposit(user, usd(1_000));
    const key = newKey();
    const { transferId } = await debitedWithdrawal(user, key, 700, -2 * LEASE_MS);
    await sweepKeys(sweeper(), 100);
    expect(await keyRow(user, key)).toMatchObject({ status: 'done', response: { outcome: 'ok', transferId } });
    expect((await requestsOf(user)).filter((r) => r.operation === 'payout')).toHaveLength(1);
    expect((await readWallet(user)).balance).toEqual(usd(300));
    // The client's late retry gets the result the sweep stored.
    expect((await withdraw(user, usd(700), key)).transaction.id).toBe(transferId);
  });

  it('pays the money back for an abandoned withdrawal the provider declines', async () => {
    const user = newUserId();
    await deposit(user, usd(2_000_000));
    const key = newKey();
    await debitedWithdrawal(user, key, 1_500_000, -2 * LEASE_MS);
    expect((await readWallet(user)).balance).toEqual(usd(500_000));
    await sweepKeys(sweeper(), 100);
    expect((await readWallet(user)).balance).toEqual(usd(2_000_000));
    expect(await keyRow(user, key)).toMatchObject({ status: 'done', response: { outcome: 'declined', reason: 'LIMIT_EXCEEDED' } });
  });

  it('credits an abandoned deposit, asking the provider for the charge it may never have received', async () => {
    const user = newUserId();
    const key = newKey();
    await unfinishedKey({ userId: user, key, operation: 'deposit', params: params(900), lockedForMs: -2 * LEASE_MS });
    await sweepKeys(sweeper(), 100);
    expect((await readWallet(user)).balance).toEqual(usd(900));
    expect((await requestsOf(user)).map((r) => [r.operation, r.amountMinor])).toEqual([['charge', 900]]);
  });

  it('forgets an abandoned send that cannot be paid, as it would for its client', async () => {
    const [alice, bob] = [newUserId(), newUserId()];
    const key = newKey();
    await unfinishedKey({ userId: alice, key, operation: 'send', params: params(100, { recipientId: bob }), lockedForMs: -2 * LEASE_MS });
    await sweepKeys(sweeper(), 100);
    expect(await keyRow(alice, key)).toBeNull();
    expect(await ledgerState(db, [alice, bob])).toEqual({ accounts: [], transfers: 0, keys: 0, providerRequests: 0, events: 0 });
  });

  it('leaves a request alone while it is within its lease and one more', async () => {
    const user = newUserId();
    const key = newKey();
    await unfinishedKey({ userId: user, key, operation: 'deposit', params: params(100), lockedForMs: -1_000 });
    await sweepKeys(sweeper(), 100);
    expect(await keyRow(user, key)).toMatchObject({ status: 'in_progress' });
    expect(await requestsOf(user)).toEqual([]);
  });

  it('deletes finished keys past their expiry and keeps the others', async () => {
    const user = newUserId();
    const [oldKey, freshKey] = [newKey(), newKey()];
    await deposit(user, usd(100), oldKey);
    await deposit(user, usd(100), freshKey);
    await db
      .update(idempotencyKeys)
      .set({ createdAt: new Date(Date.now() - 25 * 3_600_000), expiresAt: new Date(Date.now() - 3_600_000) })
      .where(and(eq(idempotencyKeys.userId, user), eq(idempotencyKeys.key, oldKey)));
    await sweepKeys(sweeper(), 100);
    expect(await keyRow(user, oldKey)).toBeNull();
    expect(await keyRow(user, freshKey)).toMatchObject({ status: 'done' });
    // An expired key is a new key again: the same request moves money anew.
    expect((await deposit(user, usd(100), oldKey)).replayed).toBe(false);
    expect((await readWallet(user)).balance).toEqual(usd(300));
  });
});
