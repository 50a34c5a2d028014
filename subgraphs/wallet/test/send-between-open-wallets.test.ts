import { describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { and, eq } from 'drizzle-orm';
import { errorCode } from '@sx/testkit';
import { idempotencyKeys } from '../src/db/tables.js';
import { knownUser } from './seed.js';
import { moneySent, validatePayload, type PayloadOf } from '@sx/events';
import { accountOf, deposit, eventsOf, ledgerState, newKey, readWallet, sendRaw, usd, type ApiPayload } from './wallet-api.js';

// Between two open wallets a send is one statement (commands/send-money.ts, the function of
// drizzle/0009): the key is stored finished in the transaction that moves the money. These check that the idempotency
// guarantees hold on that path exactly as on the general one.

const db = useStackDb();

/** Two known users whose USD wallets are open, alice's holding `aliceMinor`. */
async function openWallets(aliceMinor: number): Promise<[string, string]> {
  const [alice, bob] = await Promise.all([knownUser(db), knownUser(db)]);
  await Promise.all([deposit(alice, usd(aliceMinor)), deposit(bob, usd(1))]);
  return [alice, bob];
}

const keyRow = async (userId: string, key: string) =>
  (await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))))[0] ?? null;

describe('a send between open wallets', () => {
  it('stores its key finished with the response, and answers a retry with the same transaction', async () => {
    const [alice, bob] = await openWallets(1_000);
    const key = newKey();
    const first = await sendRaw(alice, { toUserId: bob, amount: usd(400), idempotencyKey: key });
    const sent = first.data?.sendMoney as ApiPayload;
    expect(sent).toMatchObject({ replayed: false, transaction: { kind: 'SEND', amount: usd(400), balanceAfter: usd(600) }, wallet: { balance: usd(600), held: usd(0) } });
    expect(await keyRow(alice, key)).toMatchObject({ status: 'done', operation: 'send', response: { outcome: 'ok', transferId: sent.transaction.id } });
    const again = (await sendRaw(alice, { toUserId: bob, amount: usd(400), idempotencyKey: key })).data?.sendMoney;
    expect(again).toEqual({ ...sent, replayed: true });
    expect((await readWallet(bob)).balance).toEqual(usd(401));
  });

  it('moves money once when the same send is made 30 times at once', async () => {
    const [alice, bob] = await openWallets(1_000);
    const key = newKey();
    const results = await Promise.all(Array.from({ length: 30 }, () => sendRaw(alice, { toUserId: bob, amount: usd(700), idempotencyKey: key })));
    const succeeded = results.filter((r) => !r.errors).map((r) => r.data?.sendMoney as ApiPayload);
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    expect(new Set(succeeded.map((p) => p.transaction.id)).size).toBe(1);
    expect(succeeded.filter((p) => !p.replayed)).toHaveLength(1);
    // A duplicate waits on the wallets' locks and replays; none may see the lower balance.
    for (const res of results.filter((r) => r.errors)) expect(errorCode(res)).toBe('CONFLICT');
    expect((await ledgerState(db, [alice, bob])).transfers).toBe(3);
    expect((await readWallet(alice)).balance).toEqual(usd(300));
    expect((await readWallet(bob)).balance).toEqual(usd(701));
  });

  it('refuses the same key with a different amount, and changes nothing', async () => {
    const [alice, bob] = await openWallets(1_000);
    const key = newKey();
    expect((await sendRaw(alice, { toUserId: bob, amount: usd(100), idempotencyKey: key })).errors).toBeUndefined();
    const before = await ledgerState(db, [alice, bob]);
    const res = await sendRaw(alice, { toUserId: bob, amount: usd(101), idempotencyKey: key });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.reason).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await ledgerState(db, [alice, bob])).toEqual(before);
  });

  it('forgets the key of a send refused for lack of money, so it works once money is there', async () => {
    const [alice, bob] = await openWallets(100);
    const key = newKey();
    const input = { toUserId: bob, amount: usd(300), idempotencyKey: key };
    const before = await ledgerState(db, [alice, bob]);
    expect(errorCode(await sendRaw(alice, input))).toBe('INSUFFICIENT_FUNDS');
    expect(await ledgerState(db, [alice, bob])).toEqual(before);
    expect(await keyRow(alice, key)).toBeNull();
    await deposit(alice, usd(200));
    const res = await sendRaw(alice, input);
    expect(res.data?.sendMoney).toMatchObject({ replayed: false, wallet: { balance: usd(0) } });
  });

  it('writes a valid wallet.money.sent event carrying both wallets and their balances after', async () => {
    const [alice, bob] = await openWallets(1_000);
    const sent = (await sendRaw(alice, { toUserId: bob, amount: usd(250), idempotencyKey: newKey(), note: 'lunch' })).data?.sendMoney as ApiPayload;
    const [aliceWallet, bobWallet] = [await accountOf(db, alice), await accountOf(db, bob)];
    const events = (await eventsOf(db, aliceWallet?.id ?? '')).filter((e) => e.type === moneySent.type);
    expect(events).toHaveLength(1);
    // The function filled in the stand-ins the command validated with: the real ids and balances.
    const data = validatePayload(moneySent, (events[0]?.envelope as { data: PayloadOf<typeof moneySent> }).data);
    expect(data).toEqual({
      transactionId: sent.transaction.id,
      senderId: alice,
      recipientId: bob,
      senderWalletId: aliceWallet?.id,
      recipientWalletId: bobWallet?.id,
      amount: { amountMinor: 250, currency: 'USD' },
      senderBalanceAfter: { amountMinor: 750, currency: 'USD' },
      recipientBalanceAfter: { amountMinor: 251, currency: 'USD' },
      note: 'lunch',
    });
  });
});
