import { describe, expect, it } from 'vitest';
import { commitsForOperation, eventually, gql, gqlOk, signUpUser, statementsForOperation, uniqueOperationName, type TestUser } from '@sx/testkit';

// The write path's cost in Postgres, counted by the services themselves for one named
// operation (other test files using the same services do not disturb it). These are the
// figures docs/performance.md explains; a change that adds a statement or a commit to either
// operation fails here and has to say why it is worth it (and raise the figure).
const SEND_STATEMENTS = 1; // wallet.send_between_open_wallets(…): locks, finished key, balances, transfer, outbox + NOTIFY, in Postgres
const SEND_COMMITS = 1;
const ACCEPT_STATEMENTS = 7; // BEGIN, lock the task's replica, lock the bid, chosen bid?, move it, outbox + NOTIFY, COMMIT
const ACCEPT_COMMITS = 1;

const usd = (amount: number) => ({ amount, currency: 'USD' });
const as = (user: TestUser) => ({ token: user.accessToken });

async function openWallets(alice: TestUser, bob: TestUser): Promise<void> {
  for (const user of [alice, bob]) {
    await gqlOk(`mutation($i: DepositInput!) { deposit(input: $i) { transaction { id } } }`, { i: { amount: usd(10_000), idempotencyKey: crypto.randomUUID() } }, as(user));
  }
  // A warm-up send: wallet has heard of bob's sign-up (an event) once it goes through.
  await eventually(
    () => gql(`mutation($i: SendMoneyInput!) { sendMoney(input: $i) { transaction { id } } }`, { i: { toUserId: bob.id, amount: usd(1), idempotencyKey: crypto.randomUUID() } }, as(alice)),
    (r) => !r.errors?.length,
    { timeoutMs: 30_000 },
  );
}

async function measured(service: string, name: string) {
  return { statements: await statementsForOperation(service, name), commits: await commitsForOperation(service, name) };
}

describe('the write path in Postgres', () => {
  it(`sends money between two open wallets in ${SEND_STATEMENTS} statement and ${SEND_COMMITS} commit`, async () => {
    const [alice, bob] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['POSTER'] })]);
    await openWallets(alice, bob);
    const name = uniqueOperationName('CountedSend');
    const data = await gqlOk<{ sendMoney: { replayed: boolean; wallet: { balance: { amount: number } } } }>(
      `mutation ${name}($i: SendMoneyInput!) { sendMoney(input: $i) { replayed wallet { balance { amount } } } }`,
      { i: { toUserId: bob.id, amount: usd(250), idempotencyKey: crypto.randomUUID() } },
      as(alice),
    );
    expect(data.sendMoney).toEqual({ replayed: false, wallet: { balance: { amount: 10_000 - 1 - 250 } } });
    expect(await measured('wallet', name)).toEqual({ statements: SEND_STATEMENTS, commits: SEND_COMMITS });
  });

  it(`accepts a bid in ${ACCEPT_STATEMENTS} statements and ${ACCEPT_COMMITS} commit`, async () => {
    const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
    const { postTask } = await gqlOk<{ postTask: { id: string } }>(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      { input: { title: 'Counted task', category: 'OTHER', budget: usd(5_000) } },
      as(poster),
    );
    const bid = await eventually(
      () => gql<{ placeBid: { id: string } }>(`mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`, { input: { taskId: postTask.id, amount: usd(4_000), message: '' } }, as(tasker)),
      (r) => Boolean(r.data?.placeBid),
      { timeoutMs: 30_000 },
    );
    const name = uniqueOperationName('CountedAccept');
    const data = await gqlOk<{ acceptBid: { status: string } }>(`mutation ${name}($id: ID!) { acceptBid(id: $id) { status } }`, { id: bid.data?.placeBid.id }, as(poster));
    expect(data.acceptBid.status).toBe('ACCEPTING');
    expect(await measured('bids', name)).toEqual({ statements: ACCEPT_STATEMENTS, commits: ACCEPT_COMMITS });
  });
});
