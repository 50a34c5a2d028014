import { describe, expect, it } from 'vitest';
import { errorCode, eventually, gql, gqlOk, signUpUser } from '@sx/testkit';
import { newKey } from './wallet-api.js';

// The mutations as a client calls them: through the gateway, with an access token.

const MONEY = '{ amount currency }';
const PAYLOAD = `transaction { id kind amount ${MONEY} balanceAfter ${MONEY} counterparty { id name } note } wallet { balance ${MONEY} } replayed`;
const DEPOSIT = `mutation($input: DepositInput!) { deposit(input: $input) { ${PAYLOAD} } }`;
const SEND = `mutation($input: SendMoneyInput!) { sendMoney(input: $input) { ${PAYLOAD} } }`;
const WITHDRAW = `mutation($input: WithdrawInput!) { withdraw(input: $input) { ${PAYLOAD} } }`;
const MY_WALLET = `{ me { wallet { balance ${MONEY} available ${MONEY} transactions(first: 10) { edges { node { kind amount ${MONEY} counterparty { id name } note } } } } } }`;

const usd = (amount: number) => ({ amount, currency: 'USD' });

interface Payload {
  transaction: { id: string; kind: string; counterparty: { id: string; name: string } | null };
  wallet: { balance: { amount: number } };
  replayed: boolean;
}

describe('wallet mutations through the gateway', () => {
  it('deposits, sends to another user with their name resolved, and withdraws', async () => {
    const [alice, bob] = await Promise.all([signUpUser({ name: 'Alice Payer' }), signUpUser({ name: 'Bob Payee' })]);
    const deposited = await gqlOk<{ deposit: Payload }>(DEPOSIT, { input: { amount: usd(10_000), idempotencyKey: newKey() } }, { token: alice.accessToken });
    expect(deposited.deposit.wallet.balance.amount).toBe(10_000);

    // Bob's sign-up reaches wallet as an event: retry (same key) while he is not reachable yet.
    const input = { toUserId: bob.id, amount: usd(2_500), note: 'For the shelves', idempotencyKey: newKey() };
    const res = await eventually(
      () => gql<{ sendMoney: Payload }>(SEND, { input }, { token: alice.accessToken }),
      (r) => errorCode(r) !== 'NOT_FOUND',
      { what: 'bob reachable by wallet' },
    );
    expect(res.errors).toBeUndefined();
    const sent = res.data as { sendMoney: Payload };
    expect(sent.sendMoney.transaction).toMatchObject({ kind: 'SEND', counterparty: { id: bob.id, name: 'Bob Payee' } });

    const withdrawn = await gqlOk<{ withdraw: Payload }>(WITHDRAW, { input: { amount: usd(500), idempotencyKey: newKey() } }, { token: bob.accessToken });
    expect(withdrawn.withdraw.wallet.balance.amount).toBe(2_000);

    const bobs = await gqlOk<{ me: { wallet: unknown } }>(MY_WALLET, {}, { token: bob.accessToken });
    expect(bobs.me.wallet).toEqual({
      balance: usd(2_000),
      available: usd(2_000),
      transactions: {
        edges: [
          { node: { kind: 'WITHDRAWAL', amount: usd(500), counterparty: null, note: null } },
          { node: { kind: 'RECEIVE', amount: usd(2_500), counterparty: { id: alice.id, name: 'Alice Payer' }, note: 'For the shelves' } },
        ],
      },
    });
  });

  it('refuses an anonymous deposit with UNAUTHENTICATED', async () => {
    const res = await gql(DEPOSIT, { input: { amount: usd(100), idempotencyKey: newKey() } });
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it('passes INSUFFICIENT_FUNDS and its message through to the client', async () => {
    const user = await signUpUser();
    const res = await gql(WITHDRAW, { input: { amount: usd(100), idempotencyKey: newKey() } }, { token: user.accessToken });
    expect(errorCode(res)).toBe('INSUFFICIENT_FUNDS');
    expect(res.errors?.[0]?.message).toContain('Your available balance is 0.00 USD');
  });

  it('refuses a fractional amount at the schema with BAD_USER_INPUT', async () => {
    const user = await signUpUser();
    const res = await gql(DEPOSIT, { input: { amount: usd(10.5), idempotencyKey: newKey() } }, { token: user.accessToken });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    const wallet = await gqlOk<{ me: { wallet: { balance: unknown } } }>(MY_WALLET, {}, { token: user.accessToken });
    expect(wallet.me.wallet.balance).toEqual(usd(0));
  });
});
