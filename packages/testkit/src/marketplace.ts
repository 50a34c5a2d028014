import { randomUUID } from 'node:crypto';
import { eventually } from './eventually.js';
import { gql, gqlOk, type GraphQLResponse } from './graphql-client.js';
import type { TestUser } from './users.js';

// The marketplace steps end-to-end tests take through the gateway, written once.

const as = (user: TestUser) => ({ token: user.accessToken });

export async function depositTo(user: TestUser, amount: number, currency = 'USD'): Promise<void> {
  await gqlOk(
    `mutation($input: DepositInput!) { deposit(input: $input) { wallet { balance { amount } } } }`,
    { input: { amount: { amount, currency }, idempotencyKey: randomUUID() } },
    as(user),
  );
}

export interface TaskOptions {
  budget?: number;
  currency?: string;
  title?: string;
  description?: string;
  location?: { lat: number; lng: number; address?: string };
}

export async function postTaskAs(poster: TestUser, opts: TaskOptions = {}): Promise<string> {
  const data = await gqlOk<{ postTask: { id: string } }>(
    `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
    {
      input: {
        title: opts.title ?? 'Assemble a wardrobe',
        category: 'HANDYMAN',
        budget: { amount: opts.budget ?? 10_000, currency: opts.currency ?? 'USD' },
        ...(opts.description ? { description: opts.description } : {}),
        ...(opts.location ? { location: opts.location } : {}),
      },
    },
    as(poster),
  );
  return data.postTask.id;
}

const isRetryable = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.retryable === true;

/** Places a bid, retrying while bidding has not heard of the task yet (TASK_NOT_YET_KNOWN). */
export async function placeBidAs(tasker: TestUser, taskId: string, amount: number, currency = 'USD'): Promise<string> {
  const place = () =>
    gql<{ placeBid: { id: string } }>(
      `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
      { input: { taskId, amount: { amount, currency }, message: 'Done by Friday.' } },
      as(tasker),
    );
  const res = await eventually(place, (r) => !isRetryable(r), { what: 'bidding to know the task' });
  if (res.errors || !res.data) throw new Error(`placeBid failed: ${JSON.stringify(res.errors)}`);
  return res.data.placeBid.id;
}

export async function acceptBidAs(poster: TestUser, bidId: string): Promise<void> {
  await gqlOk(`mutation($id: ID!) { acceptBid(id: $id) { id } }`, { id: bidId }, as(poster));
}

/** Sends money, retrying while wallet has not heard of a user who just signed up (RECIPIENT_NOT_FOUND). */
export async function sendMoneyAs(from: TestUser, to: TestUser, amount: number, currency = 'USD'): Promise<void> {
  const idempotencyKey = randomUUID();
  const send = () =>
    gql(
      `mutation($input: SendMoneyInput!) { sendMoney(input: $input) { transaction { id } } }`,
      { input: { toUserId: to.id, amount: { amount, currency }, note: 'thanks', idempotencyKey } },
      as(from),
    );
  // Retried only for the one refusal that time cures, not for any NOT_FOUND.
  const res = await eventually(send, (r) => r.errors?.[0]?.extensions?.reason !== 'RECIPIENT_NOT_FOUND', { what: 'wallet to know the recipient' });
  if (res.errors) throw new Error(`sendMoney failed: ${JSON.stringify(res.errors)}`);
}

const taskStatusAs = (user: TestUser, taskId: string) =>
  gqlOk<{ task: { status: string } }>(`query($id: ID!) { task(id: $id) { status } }`, { id: taskId }, as(user));

/** The saga up to ASSIGNED: the poster pays in, the tasker bids, the poster accepts; waits for the assignment. */
export async function assignTaskAs(poster: TestUser, tasker: TestUser, taskId: string, amount: number, currency = 'USD'): Promise<void> {
  await depositTo(poster, amount, currency);
  await acceptBidAs(poster, await placeBidAs(tasker, taskId, amount, currency));
  await eventually(() => taskStatusAs(poster, taskId), (d) => d.task.status === 'ASSIGNED', { what: 'the task to be assigned', timeoutMs: 30_000 });
}

/** The saga to its end: assigned, marked done by the tasker and confirmed by the poster. */
export async function completeTaskAs(poster: TestUser, tasker: TestUser, taskId: string, amount: number, currency = 'USD'): Promise<void> {
  await assignTaskAs(poster, tasker, taskId, amount, currency);
  await gqlOk(`mutation($id: ID!) { markTaskDone(id: $id) { id } }`, { id: taskId }, as(tasker));
  await gqlOk(`mutation($id: ID!) { confirmTaskCompletion(id: $id) { id } }`, { id: taskId }, as(poster));
}
