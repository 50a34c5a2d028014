import { describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { eq } from 'drizzle-orm';
import { errorCode } from '@sx/testkit';
import { providerRequests } from '../src/db/tables.js';
import {
  accountOf,
  deposit,
  depositRaw,
  eventsOf,
  ledgerState,
  newKey,
  newUserId,
  readWallet,
  usd,
  withdraw,
  withdrawRaw,
} from './wallet-api.js';

const db = useStackDb();

describe('deposit', () => {
  it('credits the wallet and shows the deposit in its history', async () => {
    const user = newUserId();
    const first = await deposit(user, usd(5_000));
    expect(first.transaction).toMatchObject({ kind: 'DEPOSIT', amount: usd(5_000), balanceAfter: usd(5_000), counterparty: null, note: null });
    expect(first.wallet).toEqual({ balance: usd(5_000), available: usd(5_000), held: usd(0) });
    expect(first.replayed).toBe(false);

    const second = await deposit(user, { amount: 1_250, currency: 'usd' });
    expect(second.wallet.balance).toEqual(usd(6_250));

    const wallet = await readWallet(user);
    expect(wallet.balance).toEqual(usd(6_250));
    expect(wallet.transactions.edges.map((e) => e.node)).toEqual([second.transaction, first.transaction]);
  });

  it('records the charge at the payment provider', async () => {
    const user = newUserId();
    await deposit(user, usd(700));
    const requests = await db.select().from(providerRequests).where(eq(providerRequests.userId, user));
    expect(requests).toEqual([expect.objectContaining({ operation: 'charge', amountMinor: 700, currency: 'USD', status: 'succeeded' })]);
  });

  it('keeps one wallet per currency', async () => {
    const user = newUserId();
    await deposit(user, usd(100));
    await deposit(user, { amount: 900, currency: 'EUR' });
    expect((await readWallet(user)).balance).toEqual(usd(100));
    expect((await readWallet(user, 'EUR')).balance).toEqual({ amount: 900, currency: 'EUR' });
    expect((await readWallet(user, 'GBP')).balance).toEqual({ amount: 0, currency: 'GBP' });
  });

  it('publishes wallet.money.deposited through the outbox', async () => {
    const user = newUserId();
    const { transaction } = await deposit(user, usd(4_200));
    const wallet = await accountOf(db, user);
    const [event] = await eventsOf(db, wallet?.id ?? '');
    expect(event?.type).toBe('wallet.money.deposited');
    expect((event?.envelope as { data: unknown; actor: unknown }).data).toEqual({
      transactionId: transaction.id,
      userId: user,
      walletId: wallet?.id,
      amount: { amountMinor: 4_200, currency: 'USD' },
      balanceAfter: { amountMinor: 4_200, currency: 'USD' },
    });
    expect((event?.envelope as { actor: unknown }).actor).toEqual({ kind: 'user', id: user });
    // The relay marks the row once JetStream acknowledged it.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const [row] = await eventsOf(db, wallet?.id ?? '');
      if (row?.publishedAt) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await eventsOf(db, wallet?.id ?? ''))[0]?.publishedAt).toBeInstanceOf(Date);
  });

  it.each([
    ['a zero amount', { amount: 0, currency: 'USD' }, 'BAD_USER_INPUT', 'amount.amount must be greater than zero'],
    ['a negative amount', { amount: -500, currency: 'USD' }, 'BAD_USER_INPUT', 'amount.amount must be greater than zero'],
    ['a fractional amount', { amount: 10.5, currency: 'USD' }, 'BAD_USER_INPUT', ''],
    ['an unknown currency', { amount: 500, currency: 'JPY' }, 'BAD_USER_INPUT', 'amount.currency "JPY" is not supported'],
  ])('refuses %s and changes nothing', async (_name, amount, code, message) => {
    const user = newUserId();
    await deposit(user, usd(1_000));
    const before = await ledgerState(db, [user]);
    const res = await depositRaw(user, { amount, idempotencyKey: newKey() });
    expect(errorCode(res)).toBe(code);
    expect(res.errors?.[0]?.message).toContain(message);
    expect(res.data ?? null).toBeNull();
    expect(await ledgerState(db, [user])).toEqual(before);
  });

  it('refuses a malformed idempotency key and changes nothing', async () => {
    const user = newUserId();
    const res = await depositRaw(user, { amount: usd(100), idempotencyKey: '' });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('idempotencyKey must be 1 to 255 visible ASCII characters');
    expect(await ledgerState(db, [user])).toMatchObject({ accounts: [], transfers: 0, keys: 0, providerRequests: 0 });
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    const res = await depositRaw('', { amount: usd(100), idempotencyKey: newKey() });
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it('credits nothing when the provider declines the charge, and says why', async () => {
    const user = newUserId();
    await deposit(user, usd(300));
    const before = await ledgerState(db, [user]);
    const res = await depositRaw(user, { amount: usd(2_500_001), idempotencyKey: newKey() });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe(
      "The payment provider declined this deposit of 25000.01 USD: it is over the provider's limit per deposit.",
    );
    expect(res.errors?.[0]?.extensions?.declineReason).toBe('LIMIT_EXCEEDED');
    const after = await ledgerState(db, [user]);
    expect(after).toEqual({ ...before, keys: before.keys + 1, providerRequests: before.providerRequests + 1 });
    expect((await readWallet(user)).balance).toEqual(usd(300));
  });
});

describe('withdraw', () => {
  it('pays out of the wallet and shows the withdrawal in its history', async () => {
    const user = newUserId();
    await deposit(user, usd(5_000));
    const paid = await withdraw(user, usd(1_800));
    expect(paid.transaction).toMatchObject({ kind: 'WITHDRAWAL', amount: usd(1_800), balanceAfter: usd(3_200), counterparty: null });
    expect(paid.wallet).toEqual({ balance: usd(3_200), available: usd(3_200), held: usd(0) });
    const wallet = await readWallet(user);
    expect(wallet.transactions.edges.map((e) => e.node.kind)).toEqual(['WITHDRAWAL', 'DEPOSIT']);
    const payouts = await db.select().from(providerRequests).where(eq(providerRequests.userId, user));
    expect(payouts.map((p) => [p.operation, p.amountMinor, p.status])).toEqual(
      expect.arrayContaining([['payout', 1_800, 'succeeded']]),
    );
  });

  it('lets a user withdraw everything, down to zero', async () => {
    const user = newUserId();
    await deposit(user, usd(999));
    expect((await withdraw(user, usd(999))).wallet.balance).toEqual(usd(0));
  });

  it('publishes wallet.money.withdrawn once the payout succeeded', async () => {
    const user = newUserId();
    await deposit(user, usd(1_000));
    const { transaction } = await withdraw(user, usd(400));
    const wallet = await accountOf(db, user);
    const events = await eventsOf(db, wallet?.id ?? '');
    expect(events.map((e) => e.type)).toEqual(['wallet.money.deposited', 'wallet.money.withdrawn']);
    expect((events[1]?.envelope as { data: unknown }).data).toEqual({
      transactionId: transaction.id,
      userId: user,
      walletId: wallet?.id,
      amount: { amountMinor: 400, currency: 'USD' },
      balanceAfter: { amountMinor: 600, currency: 'USD' },
    });
  });

  it('refuses more than the available balance with INSUFFICIENT_FUNDS and changes nothing', async () => {
    const user = newUserId();
    await deposit(user, usd(1_000));
    const before = await ledgerState(db, [user]);
    const res = await withdrawRaw(user, { amount: usd(1_001), idempotencyKey: newKey() });
    expect(errorCode(res)).toBe('INSUFFICIENT_FUNDS');
    expect(res.errors?.[0]?.message).toBe(
      'Your available balance is 10.00 USD, less than the 10.01 USD this needs; deposit money or use a smaller amount.',
    );
    expect(await ledgerState(db, [user])).toEqual(before);
  });

  it('refuses a withdrawal from a wallet that never had money, and opens none', async () => {
    const user = newUserId();
    const res = await withdrawRaw(user, { amount: usd(1), idempotencyKey: newKey() });
    expect(errorCode(res)).toBe('INSUFFICIENT_FUNDS');
    expect(await ledgerState(db, [user])).toEqual({ accounts: [], transfers: 0, keys: 0, providerRequests: 0, events: 0 });
  });

  it('refuses money in another currency than the wallet holds', async () => {
    const user = newUserId();
    await deposit(user, usd(1_000));
    const res = await withdrawRaw(user, { amount: { amount: 500, currency: 'EUR' }, idempotencyKey: newKey() });
    expect(errorCode(res)).toBe('INSUFFICIENT_FUNDS');
    expect(res.errors?.[0]?.message).toContain('0.00 EUR');
    expect((await readWallet(user)).balance).toEqual(usd(1_000));
  });

  it('pays the money back when the provider declines the payout, so none is lost', async () => {
    const user = newUserId();
    await deposit(user, usd(1_500_000));
    const res = await withdrawRaw(user, { amount: usd(1_200_000), idempotencyKey: newKey() });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe(
      "The payment provider declined this payout of 12000.00 USD: it is over the provider's limit per payout.",
    );
    const wallet = await readWallet(user);
    expect(wallet.balance).toEqual(usd(1_500_000));
    expect(wallet.transactions.edges.map((e) => [e.node.kind, e.node.amount.amount, e.node.balanceAfter?.amount])).toEqual([
      ['WITHDRAWAL_REVERSAL', 1_200_000, 1_500_000],
      ['WITHDRAWAL', 1_200_000, 300_000],
      ['DEPOSIT', 1_500_000, 1_500_000],
    ]);
    const account = await accountOf(db, user);
    expect((await eventsOf(db, account?.id ?? '')).map((e) => e.type)).toEqual(['wallet.money.deposited']);
    const payouts = await db.select().from(providerRequests).where(eq(providerRequests.userId, user));
    expect(payouts.filter((p) => p.operation === 'payout').map((p) => [p.status, p.declineReason])).toEqual([['declined', 'LIMIT_EXCEEDED']]);
  });
});
