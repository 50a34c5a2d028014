import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, gqlOk, placeBidAs, signUpUser, stackInfo, type TestUser } from '@sx/testkit';
import { adminUser } from './dispute-steps.js';
import { disputeRefundOf, modelBalances, randomOps, type MoneyOp, type TaskOutcome } from './money-model.js';

const SEED = Number(process.env.MONEY_SEED ?? 20261125);
const USERS = 5;
const OPS = 36;
const CONCURRENCY = 6;
const OPENING = 100_000;

let pool: pg.Pool;
beforeAll(() => {
  pool = new pg.Pool({ connectionString: stackInfo().databaseUrl, max: 2 });
});
afterAll(async () => {
  await pool.end();
});

const usd = (amount: number) => ({ amount, currency: 'USD' });
const key = () => crypto.randomUUID();

async function runTask(op: Extract<MoneyOp, { kind: 'task' }>, users: TestUser[], admin: TestUser): Promise<string> {
  const poster = users[op.poster] as TestUser;
  const tasker = users[op.tasker] as TestUser;
  const { postTask } = await gqlOk<{ postTask: { id: string } }>(
    `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
    { input: { title: 'Seeded task', category: 'OTHER', budget: usd(op.amount) } },
    { token: poster.accessToken },
  );
  // Retried only while bids has not heard of the task; any other refusal fails the run.
  const bidId = await placeBidAs(tasker, postTask.id, op.amount);
  await gqlOk(`mutation($id: ID!) { acceptBid(id: $id) { id } }`, { id: bidId }, { token: poster.accessToken });
  const status = (want: string) =>
    eventually(
      () => gqlOk<{ task: { status: string; payment: { status: string } | null } }>(`query($id: ID!) { task(id: $id) { status payment { status } } }`, { id: postTask.id }, { token: poster.accessToken }),
      (d) => d.task.status === want || d.task.payment?.status === want,
      { timeoutMs: 30_000 },
    );
  await status('ASSIGNED');
  const step = (name: string, user: TestUser) => gqlOk(`mutation($id: ID!) { ${name}(id: $id) { id } }`, { id: postTask.id }, { token: user.accessToken });
  const dispute = async (decision: Record<string, unknown>) => {
    const { openDispute } = await gqlOk<{ openDispute: { id: string } }>(
      `mutation($i: OpenDisputeInput!) { openDispute(input: $i) { id } }`,
      { i: { taskId: postTask.id, reason: 'POOR_QUALITY', details: 'Seeded dispute' } },
      { token: poster.accessToken },
    );
    await gqlOk(`mutation($i: ResolveDisputeInput!) { resolveDispute(input: $i) { id } }`, { i: { disputeId: openDispute.id, ...decision } }, { token: admin.accessToken });
  };
  if (op.outcome === 'cancel') await step('cancelTask', poster);
  if (op.outcome === 'withdraw') await gqlOk(`mutation($id: ID!) { withdrawFromTask(taskId: $id) { id } }`, { id: postTask.id }, { token: tasker.accessToken });
  if (op.outcome === 'dispute-split') {
    await step('markTaskDone', tasker);
    const refund = disputeRefundOf(op.amount);
    await dispute({ refundAmount: usd(refund), releaseAmount: usd(op.amount - refund) });
  }
  if (op.outcome === 'dispute-dismiss') await dispute({ dismiss: true });
  if (op.outcome === 'complete' || op.outcome === 'dispute-dismiss') {
    await step('markTaskDone', tasker);
    await step('confirmTaskCompletion', poster);
  }
  await status(EXPECTED[op.outcome].status);
  return postTask.id;
}

/** How each ending leaves the payment: its status and the transfers out of its escrow, by kind. */
const EXPECTED: Record<TaskOutcome, { status: string; kinds: string[] }> = {
  complete: { status: 'RELEASED', kinds: ['escrow_release', 'fee'] },
  'dispute-dismiss': { status: 'RELEASED', kinds: ['escrow_release', 'fee'] },
  cancel: { status: 'REFUNDED', kinds: ['escrow_refund'] },
  withdraw: { status: 'REFUNDED', kinds: ['escrow_refund'] },
  'dispute-split': { status: 'SPLIT', kinds: ['dispute_refund', 'dispute_release', 'fee'] },
};

async function run(op: MoneyOp, users: TestUser[], admin: TestUser): Promise<string | null> {
  const token = (i: number) => ({ token: (users[i] as TestUser).accessToken });
  if (op.kind === 'deposit') await gqlOk(`mutation($i: DepositInput!) { deposit(input: $i) { transaction { id } } }`, { i: { amount: usd(op.amount), idempotencyKey: key() } }, token(op.user));
  if (op.kind === 'withdraw') await gqlOk(`mutation($i: WithdrawInput!) { withdraw(input: $i) { transaction { id } } }`, { i: { amount: usd(op.amount), idempotencyKey: key() } }, token(op.user));
  if (op.kind === 'send') {
    await gqlOk(
      `mutation($i: SendMoneyInput!) { sendMoney(input: $i) { transaction { id } } }`,
      { i: { toUserId: (users[op.to] as TestUser).id, amount: usd(op.amount), idempotencyKey: key() } },
      token(op.from),
    );
  }
  return op.kind === 'task' ? runTask(op, users, admin) : null;
}

async function rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await pool.query<T>(sql, params)).rows;
}

describe(`a seeded random mix of money operations run concurrently (MONEY_SEED=${SEED})`, () => {
  it('conserves every cent and ends where the sequential model ends', { timeout: 180_000 }, async () => {
    const users = await Promise.all(Array.from({ length: USERS }, () => signUpUser()));
    const admin = await adminUser();
    // wallet learns of new users from users' events; sends to them work once it has.
    await eventually(
      () => rows<{ n: number }>(`SELECT count(*)::int AS n FROM wallet.known_users WHERE user_id = ANY($1::uuid[])`, [users.map((u) => u.id)]),
      (r) => r[0]?.n === USERS,
    );
    await Promise.all(users.map((u) => gqlOk(`mutation($i: DepositInput!) { deposit(input: $i) { transaction { id } } }`, { i: { amount: usd(OPENING), idempotencyKey: key() } }, { token: u.accessToken })));
    const ops = randomOps(SEED, USERS, OPS, OPENING);
    const endings = new Set(ops.flatMap((o) => (o.kind === 'task' ? [o.outcome] : [])));
    expect([...endings].sort()).toEqual(Object.keys(EXPECTED).sort());

    const queue = [...ops];
    const taskIds: string[] = [];
    const outcomes = new Map<string, TaskOutcome>();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let op = queue.shift(); op; op = queue.shift()) {
          const taskId = await run(op, users, admin);
          if (taskId && op.kind === 'task') {
            taskIds.push(taskId);
            outcomes.set(taskId, op.outcome);
          }
        }
      }),
    );

    const ids = users.map((u) => u.id);
    // Every currency sums to zero over all accounts, and no wallet or escrow is below zero.
    expect(await rows(`SELECT currency, sum(balance_minor) AS s FROM wallet.accounts GROUP BY currency HAVING sum(balance_minor) <> 0`)).toEqual([]);
    expect(await rows(`SELECT id FROM wallet.accounts WHERE kind <> 'external' AND balance_minor < 0`)).toEqual([]);
    // Each wallet's balance is the sum of its transfers.
    const drift = await rows(
      `SELECT a.id FROM wallet.accounts a
        WHERE a.kind = 'user' AND a.owner_id = ANY($1::uuid[])
          AND a.balance_minor <> coalesce((SELECT sum(amount_minor) FROM wallet.transfers WHERE credit_account_id = a.id), 0)
                               - coalesce((SELECT sum(amount_minor) FROM wallet.transfers WHERE debit_account_id = a.id), 0)`,
      [ids],
    );
    expect(drift).toEqual([]);
    // Every escrow resolved exactly once, the way its task ended — released, refunded (cancel or
    // withdrawal) or split by a dispute — with one transfer of each kind out of it, and is empty.
    const payments = await rows<{ task_id: string; status: string; kinds: string[]; escrow: string }>(
      `SELECT p.task_id, p.status,
              (SELECT coalesce(array_agg(t.kind ORDER BY t.kind), '{}') FROM wallet.transfers t WHERE t.payment_id = p.id AND t.kind <> 'escrow_hold') AS kinds,
              (SELECT coalesce(sum(balance_minor), 0) FROM wallet.accounts e WHERE e.kind = 'escrow' AND e.payment_id = p.id) AS escrow
         FROM wallet.payments p WHERE p.task_id = ANY($1::uuid[])`,
      [taskIds],
    );
    expect(payments).toHaveLength(ops.filter((o) => o.kind === 'task').length);
    for (const p of payments) {
      const expected = EXPECTED[outcomes.get(p.task_id) ?? 'complete'];
      expect({ status: p.status, kinds: p.kinds, escrow: Number(p.escrow) }).toEqual({ status: expected.status, kinds: [...expected.kinds].sort(), escrow: 0 });
    }

    // The same operations applied one at a time to the model give the same balances.
    const model = modelBalances(USERS, [...users.map((_, i) => ({ kind: 'deposit' as const, user: i, amount: OPENING })), ...ops]);
    const actual = await rows<{ owner_id: string; balance_minor: string }>(
      `SELECT owner_id, balance_minor FROM wallet.accounts WHERE kind = 'user' AND currency = 'USD' AND owner_id = ANY($1::uuid[])`,
      [ids],
    );
    const byUser = new Map(actual.map((r) => [r.owner_id, Number(r.balance_minor)]));
    expect(ids.map((id) => byUser.get(id) ?? 0)).toEqual(model.balances);
    const fees = await rows<{ fees: string }>(`SELECT coalesce(sum(fee_minor), 0) AS fees FROM wallet.payments WHERE task_id = ANY($1::uuid[]) AND status IN ('RELEASED', 'SPLIT')`, [taskIds]);
    expect(Number(fees[0]?.fees)).toBe(model.platform);
  });
});
