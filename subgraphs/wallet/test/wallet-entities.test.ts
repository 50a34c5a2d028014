import { beforeAll, describe, expect, it } from 'vitest';
import { useEventPublisher, useStackDb } from '@sx/testkit/hooks';
import { eq } from 'drizzle-orm';
import { dbQueriesDuring, gqlOk, signUpUser, subgraphGql } from '@sx/testkit';
import type { Identity } from '@sx/core';
import { knownUsers, transfers, type PaymentRow, type TransferRow } from '../src/db/tables.js';
import { acceptRequest, paymentWithStatus, sagaEvents } from './saga-events.js';
import { newId } from './seed.js';
import { deposit, send, type ApiTransaction } from './wallet-api.js';

const MONEY = '{ amount currency }';
const WALLET = `query($reps: [_Any!]!, $first: Int, $after: String) { _entities(representations: $reps) { ... on User {
  wallet { balance ${MONEY} available ${MONEY} held ${MONEY}
    transactions(first: $first, after: $after) {
      edges { cursor node { id kind amount ${MONEY} balanceAfter ${MONEY} counterparty { id } task { id } note createdAt } }
      pageInfo { hasNextPage endCursor } } } } } }`;
const PAYMENT_FIELDS = `id status amount ${MONEY} fee ${MONEY} payer { id } payee { id } task { id } createdAt resolvedAt`;
const TASK_PAYMENT = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Task { id payment { ${PAYMENT_FIELDS} } } } }`;
const PAYMENTS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Payment { ${PAYMENT_FIELDS} } } }`;

interface Money {
  amount: number;
  currency: string;
}
interface Wallet {
  balance: Money;
  available: Money;
  held: Money;
  transactions: { edges: { cursor: string; node: ApiTransaction }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
type WalletResult = { _entities: { wallet: Wallet | null }[] };
type TaskPaymentResult = { _entities: { id: string; payment: { id: string; status: string } | null }[] };

const usd = (amount: number): Money => ({ amount, currency: 'USD' });
const asUser = (userId: string): Partial<Identity> => ({ userId, roles: ['POSTER', 'TASKER'] });
const asAdmin: Partial<Identity> = { userId: newId(), roles: ['ADMIN'] };
const userRef = (id: string) => ({ __typename: 'User', id });
const taskRef = (id: string) => ({ __typename: 'Task', id });
const paymentRef = (id: string) => ({ __typename: 'Payment', id });

// alice deposited 100.00, sent 15.00 to bob and holds 25.00 in escrow for bob's accepted bid.
const alice = newId();
const bob = newId();
const stranger = newId();
const db = useStackDb();
const events = sagaEvents(useEventPublisher());
let payment: PaymentRow;
let held: TransferRow;
let sent: ApiTransaction;
let deposited: ApiTransaction;

beforeAll(async () => {
  await db.insert(knownUsers).values({ userId: bob });
  deposited = (await deposit(alice, usd(10_000))).transaction;
  sent = (await send(alice, bob, usd(1_500), 'Thanks for the help')).transaction;
  const request = acceptRequest(alice, bob, usd(2_500));
  await events.requestAccept(request);
  payment = await paymentWithStatus(db, request.taskId, 'HELD');
  const [hold] = await db.select().from(transfers).where(eq(transfers.paymentId, payment.id));
  if (!hold) throw new Error('the hold moved no money');
  held = hold;
});

describe('User.wallet', () => {
  it('shows a new user their empty wallet: zero in USD, no transactions', async () => {
    const newcomer = newId();
    const res = await subgraphGql<WalletResult>('wallet', WALLET, { reps: [userRef(newcomer)] }, asUser(newcomer));
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]?.wallet).toEqual({
      balance: usd(0),
      available: usd(0),
      held: usd(0),
      transactions: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
    });
  });

  it('is null for another user, for an admin and for an anonymous caller', async () => {
    for (const identity of [asUser(bob), asAdmin, {}]) {
      const res = await subgraphGql<WalletResult>('wallet', WALLET, { reps: [userRef(alice)] }, identity);
      expect(res.errors).toBeUndefined();
      expect(res.data?._entities).toEqual([{ wallet: null }]);
    }
  });

  it('shows the owner their balance, what is held and what is available', async () => {
    const res = await subgraphGql<WalletResult>('wallet', WALLET, { reps: [userRef(alice)] }, asUser(alice));
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]?.wallet).toMatchObject({ balance: usd(8_500), held: usd(2_500), available: usd(6_000) });
  });

  it("lists the owner's transactions newest first, as seen from their side", async () => {
    const asAlice = await subgraphGql<WalletResult>('wallet', WALLET, { reps: [userRef(alice)] }, asUser(alice));
    expect(asAlice.data?._entities[0]?.wallet?.transactions.edges.map((e) => e.node)).toEqual([
      {
        id: held.id,
        kind: 'ESCROW_HOLD',
        amount: usd(2_500),
        balanceAfter: usd(6_000),
        counterparty: null,
        task: { id: payment.taskId },
        note: null,
        createdAt: held.createdAt.toISOString(),
      },
      {
        id: sent.id,
        kind: 'SEND',
        amount: usd(1_500),
        balanceAfter: usd(8_500),
        counterparty: { id: bob },
        task: null,
        note: 'Thanks for the help',
        createdAt: sent.createdAt,
      },
      {
        id: deposited.id,
        kind: 'DEPOSIT',
        amount: usd(10_000),
        balanceAfter: usd(10_000),
        counterparty: null,
        task: null,
        note: null,
        createdAt: deposited.createdAt,
      },
    ]);
    expect(Date.parse(sent.createdAt)).toBeGreaterThanOrEqual(Date.parse(deposited.createdAt));
    const asBob = await subgraphGql<WalletResult>('wallet', WALLET, { reps: [userRef(bob)] }, asUser(bob));
    expect(asBob.data?._entities[0]?.wallet?.transactions.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ id: sent.id, kind: 'RECEIVE', balanceAfter: usd(1_500), counterparty: { id: alice } }),
    ]);
  });

  it('pages through transactions with the endCursor', async () => {
    const first = await subgraphGql<WalletResult>('wallet', WALLET, { reps: [userRef(alice)], first: 2 }, asUser(alice));
    const page1 = first.data?._entities[0]?.wallet?.transactions;
    expect(page1?.edges.map((e) => e.node.id)).toEqual([held.id, sent.id]);
    expect(page1?.pageInfo.hasNextPage).toBe(true);
    const next = await subgraphGql<WalletResult>(
      'wallet',
      WALLET,
      { reps: [userRef(alice)], first: 2, after: page1?.pageInfo.endCursor },
      asUser(alice),
    );
    const page2 = next.data?._entities[0]?.wallet?.transactions;
    expect(page2?.edges.map((e) => e.node.id)).toEqual([deposited.id]);
    expect(page2?.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a page size over 100 with BAD_USER_INPUT', async () => {
    const res = await subgraphGql('wallet', WALLET, { reps: [userRef(alice)], first: 101 }, asUser(alice));
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('at most 100');
  });

  it('refuses a forged cursor with BAD_USER_INPUT', async () => {
    const forged = Buffer.from(JSON.stringify(['2026-13-45', alice])).toString('base64url');
    const res = await subgraphGql('wallet', WALLET, { reps: [userRef(alice)], after: forged }, asUser(alice));
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses an unsupported currency with BAD_USER_INPUT', async () => {
    const res = await subgraphGql('wallet', `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { wallet(currency: "JPY") { balance ${MONEY} } } } }`, { reps: [userRef(alice)] }, asUser(alice));
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe('currency "JPY" is not supported; use one of USD, EUR, GBP.');
  });

  it('lists the owner its wallets, one per currency, and nobody else', async () => {
    const WALLETS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { wallets { balance ${MONEY} held ${MONEY} } } } }`;
    const own = await subgraphGql<{ _entities: { wallets: unknown }[] }>('wallet', WALLETS, { reps: [userRef(bob), userRef(stranger)] }, asUser(bob));
    expect(own.errors).toBeUndefined();
    expect(own.data?._entities).toEqual([{ wallets: [{ balance: usd(1_500), held: usd(0) }] }, { wallets: null }]);
    const newcomer = newId();
    const empty = await subgraphGql<{ _entities: { wallets: unknown }[] }>('wallet', WALLETS, { reps: [userRef(newcomer)] }, asUser(newcomer));
    expect(empty.data?._entities).toEqual([{ wallets: [{ balance: usd(0), held: usd(0) }] }]);
  });

  it('gives a malformed user id no wallet and no error', async () => {
    const res = await subgraphGql<WalletResult>('wallet', WALLET, { reps: [userRef('not-a-uuid')] }, asUser(alice));
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([{ wallet: null }]);
  });
});

describe('Task.payment', () => {
  it('is null for a task without an accepted bid', async () => {
    const res = await subgraphGql<TaskPaymentResult>('wallet', TASK_PAYMENT, { reps: [taskRef(newId())] }, asAdmin);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]?.payment).toBeNull();
  });

  it('shows the held payment to its payer, its payee and admins', async () => {
    for (const identity of [asUser(alice), asUser(bob), asAdmin]) {
      const res = await subgraphGql<{ _entities: { payment: unknown }[] }>('wallet', TASK_PAYMENT, { reps: [taskRef(payment.taskId)] }, identity);
      expect(res.errors).toBeUndefined();
      expect(res.data?._entities[0]?.payment).toEqual({
        id: payment.id,
        status: 'HELD',
        amount: usd(2_500),
        fee: null,
        payer: { id: alice },
        payee: { id: bob },
        task: { id: payment.taskId },
        createdAt: payment.createdAt.toISOString(),
        resolvedAt: null,
      });
    }
  });

  it('is null for anyone else', async () => {
    for (const identity of [asUser(stranger), {}]) {
      const res = await subgraphGql<TaskPaymentResult>('wallet', TASK_PAYMENT, { reps: [taskRef(payment.taskId)] }, identity);
      expect(res.data?._entities[0]?.payment).toBeNull();
    }
  });

  it('answers a batch of tasks with one SQL statement', async () => {
    const tasks = [payment.taskId, newId(), newId(), newId(), 'not-a-uuid'];
    const { result, queries } = await dbQueriesDuring('wallet', () =>
      subgraphGql<TaskPaymentResult>('wallet', TASK_PAYMENT, { reps: tasks.map(taskRef) }, asUser(alice)),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities.map((t) => t.payment?.id ?? null)).toEqual([payment.id, null, null, null, null]);
    expect(queries).toBe(1);
  });
});

describe('Payment entity', () => {
  it('resolves a batch of payments with one SQL statement, unknown and malformed ids to null', async () => {
    const ids = [payment.id, newId(), newId(), '42'];
    const { result, queries } = await dbQueriesDuring('wallet', () =>
      subgraphGql<{ _entities: ({ id: string } | null)[] }>('wallet', PAYMENTS, { reps: ids.map(paymentRef) }, asUser(bob)),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities.map((p) => p?.id ?? null)).toEqual([payment.id, null, null, null]);
    expect(queries).toBe(1);
  });

  it('resolves to null for a user who is neither payer nor payee', async () => {
    const res = await subgraphGql<{ _entities: unknown[] }>('wallet', PAYMENTS, { reps: [paymentRef(payment.id)] }, asUser(stranger));
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([null]);
  });
});

describe('through the gateway', () => {
  const WALLET_OF = `query($id: ID!) { user(id: $id) { id wallet { balance { amount currency } } } }`;

  it('shows a new user their own empty wallet, and nobody else', async () => {
    const [owner, other] = await Promise.all([signUpUser(), signUpUser()]);
    const mine = await gqlOk<{ me: { wallet: unknown } }>(
      `{ me { wallet { balance ${MONEY} available ${MONEY} held ${MONEY} transactions(first: 5) { edges { cursor } } } } }`,
      {},
      { token: owner.accessToken },
    );
    expect(mine.me.wallet).toEqual({ balance: usd(0), available: usd(0), held: usd(0), transactions: { edges: [] } });

    const asOther = await gqlOk<{ user: { wallet: unknown } }>(WALLET_OF, { id: owner.id }, { token: other.accessToken });
    expect(asOther.user).toEqual({ id: owner.id, wallet: null });
    const anonymous = await gqlOk<{ user: { wallet: unknown } }>(WALLET_OF, { id: owner.id });
    expect(anonymous.user).toEqual({ id: owner.id, wallet: null });
  });

  it('shows no payment on a newly posted task', async () => {
    const poster = await signUpUser();
    const posted = await gqlOk<{ postTask: { payment: unknown } }>(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id payment { id } } }`,
      { input: { title: 'Walk the dog', category: 'OTHER', budget: { amount: 2_000, currency: 'USD' } } },
      { token: poster.accessToken },
    );
    expect(posted.postTask.payment).toBeNull();
  });
});
