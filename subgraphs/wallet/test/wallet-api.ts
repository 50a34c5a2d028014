import { randomUUID } from 'node:crypto';
import { and, count, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import type { Identity } from '@sx/core';
import { subgraphGql, type GraphQLResponse } from '@sx/testkit';
import { accounts, idempotencyKeys, outbox, providerRequests, transfers } from '../src/db/tables.js';

/** Calls to the wallet subgraph, signed as the gateway would sign them. */

export const MONEY = '{ amount currency }';
export const TRANSACTION_FIELDS = `id kind amount ${MONEY} balanceAfter ${MONEY} counterparty { id } task { id } note createdAt`;
const PAYLOAD = `transaction { ${TRANSACTION_FIELDS} } wallet { balance ${MONEY} available ${MONEY} held ${MONEY} } replayed`;

export interface Money {
  amount: number;
  currency: string;
}
export interface ApiTransaction {
  id: string;
  kind: string;
  amount: Money;
  balanceAfter: Money | null;
  counterparty: { id: string } | null;
  task: { id: string } | null;
  note: string | null;
  createdAt: string;
}
export interface ApiPayload {
  transaction: ApiTransaction;
  wallet: { balance: Money; available: Money; held: Money };
  replayed: boolean;
}
export interface ApiWallet {
  balance: Money;
  available: Money;
  held: Money;
  transactions: { edges: { node: ApiTransaction }[] };
}

export const usd = (amount: number): Money => ({ amount, currency: 'USD' });
export const newKey = (): string => randomUUID();
export const newUserId = (): string => randomUUID();
export const asUser = (userId: string): Partial<Identity> => ({ userId, roles: ['POSTER', 'TASKER'] });

export function depositRaw(userId: string, input: Record<string, unknown>) {
  return subgraphGql<{ deposit: ApiPayload }>('wallet', `mutation($input: DepositInput!) { deposit(input: $input) { ${PAYLOAD} } }`, { input }, asUser(userId));
}

export function withdrawRaw(userId: string, input: Record<string, unknown>) {
  return subgraphGql<{ withdraw: ApiPayload }>('wallet', `mutation($input: WithdrawInput!) { withdraw(input: $input) { ${PAYLOAD} } }`, { input }, asUser(userId));
}

export function sendRaw(userId: string, input: Record<string, unknown>) {
  return subgraphGql<{ sendMoney: ApiPayload }>('wallet', `mutation($input: SendMoneyInput!) { sendMoney(input: $input) { ${PAYLOAD} } }`, { input }, asUser(userId));
}

export function dataOf<T>(res: GraphQLResponse<T>): T {
  if (res.errors?.length || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors ?? res)}`);
  return res.data;
}

export async function deposit(userId: string, amount: Money, idempotencyKey = newKey()): Promise<ApiPayload> {
  return dataOf(await depositRaw(userId, { amount, idempotencyKey })).deposit;
}

export async function withdraw(userId: string, amount: Money, idempotencyKey = newKey()): Promise<ApiPayload> {
  return dataOf(await withdrawRaw(userId, { amount, idempotencyKey })).withdraw;
}

export async function send(userId: string, toUserId: string, amount: Money, note?: string): Promise<ApiPayload> {
  return dataOf(await sendRaw(userId, { toUserId, amount, note, idempotencyKey: newKey() })).sendMoney;
}

/** The user's wallet in a currency, with its newest transactions. */
export async function readWallet(userId: string, currency = 'USD'): Promise<ApiWallet> {
  const res = await subgraphGql<{ _entities: { wallet: ApiWallet }[] }>(
    'wallet',
    `query($reps: [_Any!]!, $currency: String) { _entities(representations: $reps) { ... on User {
      wallet(currency: $currency) { balance ${MONEY} available ${MONEY} held ${MONEY}
        transactions(first: 100) { edges { node { ${TRANSACTION_FIELDS} } } } } } } }`,
    { reps: [{ __typename: 'User', id: userId }], currency },
    asUser(userId),
  );
  const wallet = dataOf(res)._entities[0]?.wallet;
  if (!wallet) throw new Error(`no wallet for ${userId}`);
  return wallet;
}

/**
 * Everything the ledger holds about some users: their accounts, the transfers touching them,
 * their idempotency keys, provider requests and events. Tests compare it before and after a
 * refused request to prove that nothing changed.
 */
export async function ledgerState(db: Db, userIds: string[]) {
  const owned = await db.select().from(accounts).where(inArray(accounts.ownerId, userIds)).orderBy(accounts.id);
  const ids = owned.map((a) => a.id);
  const [transferCount] = ids.length
    ? await db
        .select({ n: count() })
        .from(transfers)
        .where(or(inArray(transfers.debitAccountId, ids), inArray(transfers.creditAccountId, ids)))
    : [{ n: 0 }];
  const [keyCount] = await db.select({ n: count() }).from(idempotencyKeys).where(inArray(idempotencyKeys.userId, userIds));
  const [providerCount] = await db.select({ n: count() }).from(providerRequests).where(inArray(providerRequests.userId, userIds));
  const [eventCount] = ids.length ? await db.select({ n: count() }).from(outbox).where(inArray(outbox.aggregateId, ids)) : [{ n: 0 }];
  return {
    accounts: owned.map((a) => ({ id: a.id, currency: a.currency, balanceMinor: a.balanceMinor })),
    transfers: transferCount?.n ?? 0,
    keys: keyCount?.n ?? 0,
    providerRequests: providerCount?.n ?? 0,
    events: eventCount?.n ?? 0,
  };
}

/** The outbox events about one wallet account, oldest first. */
export async function eventsOf(db: Db, walletId: string) {
  return db.select().from(outbox).where(eq(outbox.aggregateId, walletId)).orderBy(outbox.seq);
}

/** The user's account in a currency (null before money first moved). */
export async function accountOf(db: Db, userId: string, currency = 'USD') {
  const [account] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.kind, 'user'), eq(accounts.ownerId, userId), eq(accounts.currency, currency)));
  return account ?? null;
}
