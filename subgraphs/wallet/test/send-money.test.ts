import { describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { errorCode, signUpUser } from '@sx/testkit';
import { knownUser, untilKnownToWallet } from './seed.js';
import { accountOf, deposit, eventsOf, ledgerState, newKey, newUserId, readWallet, send, sendRaw, usd } from './wallet-api.js';

const db = useStackDb();

describe('sendMoney', () => {
  it('moves money from the sender to the recipient, and both see it from their side', async () => {
    const [alice, bob] = await Promise.all([knownUser(db), knownUser(db)]);
    await deposit(alice, usd(10_000));
    const sent = await send(alice, bob, usd(1_500), '  Thanks for the help  ');
    expect(sent.transaction).toMatchObject({
      kind: 'SEND',
      amount: usd(1_500),
      balanceAfter: usd(8_500),
      counterparty: { id: bob },
      note: 'Thanks for the help',
    });
    expect(sent.wallet.balance).toEqual(usd(8_500));

    const bobs = await readWallet(bob);
    expect(bobs.balance).toEqual(usd(1_500));
    expect(bobs.transactions.edges.map((e) => e.node)).toEqual([
      { ...sent.transaction, kind: 'RECEIVE', balanceAfter: usd(1_500), counterparty: { id: alice } },
    ]);
    expect((await readWallet(alice)).transactions.edges[0]?.node).toEqual(sent.transaction);
  });

  it('publishes wallet.money.sent with both sides', async () => {
    const [alice, bob] = await Promise.all([knownUser(db), knownUser(db)]);
    await deposit(alice, usd(1_000));
    await deposit(bob, usd(50));
    const { transaction } = await send(alice, bob, usd(300));
    const [aliceWallet, bobWallet] = [await accountOf(db, alice), await accountOf(db, bob)];
    const events = await eventsOf(db, aliceWallet?.id ?? '');
    expect(events.map((e) => e.type)).toEqual(['wallet.money.deposited', 'wallet.money.sent']);
    expect((events[1]?.envelope as { data: unknown }).data).toEqual({
      transactionId: transaction.id,
      senderId: alice,
      recipientId: bob,
      senderWalletId: aliceWallet?.id,
      recipientWalletId: bobWallet?.id,
      amount: { amountMinor: 300, currency: 'USD' },
      senderBalanceAfter: { amountMinor: 700, currency: 'USD' },
      recipientBalanceAfter: { amountMinor: 350, currency: 'USD' },
      note: null,
    });
  });

  it('refuses sending more than the available balance with INSUFFICIENT_FUNDS and changes nothing', async () => {
    const [alice, bob] = await Promise.all([knownUser(db), knownUser(db)]);
    await deposit(alice, usd(500));
    const before = await ledgerState(db, [alice, bob]);
    const res = await sendRaw(alice, { toUserId: bob, amount: usd(501), idempotencyKey: newKey() });
    expect(errorCode(res)).toBe('INSUFFICIENT_FUNDS');
    expect(await ledgerState(db, [alice, bob])).toEqual(before);
    expect(before.accounts).toHaveLength(1); // the recipient's wallet did not open either
  });

  it('refuses sending to yourself with BAD_USER_INPUT and changes nothing', async () => {
    const alice = newUserId();
    await deposit(alice, usd(500));
    const before = await ledgerState(db, [alice]);
    const res = await sendRaw(alice, { toUserId: alice.toUpperCase(), amount: usd(100), idempotencyKey: newKey() });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe('You cannot send money to yourself; choose another user as toUserId.');
    expect(await ledgerState(db, [alice])).toEqual(before);
  });

  it('refuses a recipient id that cannot be a user with NOT_FOUND and changes nothing', async () => {
    const alice = newUserId();
    await deposit(alice, usd(500));
    const before = await ledgerState(db, [alice]);
    const res = await sendRaw(alice, { toUserId: 'bob', amount: usd(100), idempotencyKey: newKey() });
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(res.errors?.[0]?.message).toBe('There is no user with id "bob".');
    expect(await ledgerState(db, [alice])).toEqual(before);
  });

  it('refuses a well-formed id of no known user with NOT_FOUND, changes nothing, and lets the key be used again', async () => {
    const alice = await knownUser(db);
    const nobody = newUserId();
    await deposit(alice, usd(500));
    const before = await ledgerState(db, [alice, nobody]);
    const key = newKey();
    const res = await sendRaw(alice, { toUserId: nobody, amount: usd(100), idempotencyKey: key });
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(res.errors?.[0]?.message).toContain(`There is no user with id "${nobody}"`);
    expect(await ledgerState(db, [alice, nobody])).toEqual(before);
    // The refusal was not stored: the same key with another recipient is a new request.
    const bob = await knownUser(db);
    const retried = await sendRaw(alice, { toUserId: bob, amount: usd(100), idempotencyKey: key });
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.sendMoney.replayed).toBe(false);
  });

  it('sends to someone who just signed up, once their sign-up has reached wallet', async () => {
    const alice = await knownUser(db);
    const bob = await signUpUser({ name: 'Fresh Bob' });
    await untilKnownToWallet(db, bob.id);
    await deposit(alice, usd(500));
    const sent = await send(alice, bob.id, usd(200));
    expect(sent.transaction.counterparty).toEqual({ id: bob.id });
    expect((await readWallet(bob.id)).balance).toEqual(usd(200));
  });

  it.each([
    ['a zero amount', { toUserId: 'R', amount: usd(0) }, 'BAD_USER_INPUT'],
    ['an unknown currency', { toUserId: 'R', amount: { amount: 100, currency: 'ABC' } }, 'BAD_USER_INPUT'],
    ['a note over 280 characters', { toUserId: 'R', amount: usd(100), note: 'n'.repeat(281) }, 'BAD_USER_INPUT'],
  ])('refuses %s and changes nothing', async (_name, input, code) => {
    const [alice, bob] = await Promise.all([knownUser(db), knownUser(db)]);
    await deposit(alice, usd(500));
    const before = await ledgerState(db, [alice, bob]);
    const res = await sendRaw(alice, { ...input, toUserId: bob, idempotencyKey: newKey() });
    expect(errorCode(res)).toBe(code);
    expect(await ledgerState(db, [alice, bob])).toEqual(before);
  });

  it('sends in the currency asked for, from the wallet in that currency', async () => {
    const [alice, bob] = await Promise.all([knownUser(db), knownUser(db)]);
    await deposit(alice, usd(100));
    await deposit(alice, { amount: 2_000, currency: 'GBP' });
    const sent = await send(alice, bob, { amount: 750, currency: 'GBP' });
    expect(sent.wallet.balance).toEqual({ amount: 1_250, currency: 'GBP' });
    expect((await readWallet(bob, 'GBP')).balance).toEqual({ amount: 750, currency: 'GBP' });
    expect((await readWallet(alice)).balance).toEqual(usd(100));
  });
});
