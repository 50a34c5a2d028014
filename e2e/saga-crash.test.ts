import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVEN_STACK_LIMITS, launchStack, type RunningStack } from '@sx/stack';
import { createFreshDatabase, deleteStreams, dropDatabase, eventually, gql, gqlOk } from '@sx/testkit';

// Crashes in the middle of the saga, on a stack of this file's own (its services are killed and
// restarted, which the shared stack's other tests must not see).
let stack: RunningStack;
let databaseUrl: string;
let pool: pg.Pool;
const namespace = `crash${Date.now().toString(36)}`;

beforeAll(async () => {
  databaseUrl = await createFreshDatabase('sx_crash');
  stack = await launchStack({
    databaseUrl,
    randomPorts: true,
    // As the shared stack's: with the slow files first (test/slow-files-first.ts) this stack starts
    // beside the other fork's heaviest work, and the old fixed 60 s was not always enough.
    readyTimeoutMs: Number(process.env.STACK_READY_TIMEOUT_MS ?? 180_000),
    output: process.env.STACK_LOGS === '1' ? 'inherit' : 'quiet',
    env: { LOG_LEVEL: 'warn', NODE_ENV: 'test', EVENTS_NAMESPACE: namespace },
    // wallet starts without its relay: its holds stay in the outbox until the "crash".
    serviceEnv: { ...DRIVEN_STACK_LIMITS, wallet: { OUTBOX_RELAY: 'off' } },
  });
  pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
}, 400_000);

afterAll(async () => {
  await pool?.end();
  await stack?.stop();
  if (databaseUrl) await dropDatabase(databaseUrl);
  await deleteStreams(namespace);
});

const api = <T>(query: string, variables: Record<string, unknown>, token?: string) =>
  gqlOk<T>(query, variables, { url: stack.gatewayUrl, ...(token ? { token } : {}) });

async function signUp(name: string): Promise<{ id: string; token: string }> {
  const data = await api<{ signUp: { accessToken: string; user: { id: string } } }>(
    `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }`,
    { input: { email: `${name}.${crypto.randomUUID()}@example.test`, password: 'crash test password', name, roles: ['POSTER', 'TASKER'] } },
  );
  return { id: data.signUp.user.id, token: data.signUp.accessToken };
}

/** A poster with money, a task, and a tasker's bid on it, ready to be accepted. */
async function pendingBid(): Promise<{ posterToken: string; taskerId: string; taskId: string; bidId: string }> {
  const [poster, tasker] = await Promise.all([signUp('Poster'), signUp('Tasker')]);
  await api(
    `mutation($input: DepositInput!) { deposit(input: $input) { transaction { id } } }`,
    { input: { amount: { amount: 20_000, currency: 'USD' }, idempotencyKey: crypto.randomUUID() } },
    poster.token,
  );
  const task = await api<{ postTask: { id: string } }>(
    `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
    { input: { title: 'Fix a leaking tap', category: 'HANDYMAN', budget: { amount: 9_000, currency: 'USD' } } },
    poster.token,
  );
  const taskId = task.postTask.id;
  const place = () =>
    gql<{ placeBid: { id: string } }>(
      `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
      { input: { taskId, amount: { amount: 8_000, currency: 'USD' }, message: 'today' } },
      { url: stack.gatewayUrl, token: tasker.token },
    );
  // Retried only while bids has not seen the task (the retryable refusal); any other error fails.
  const res = await eventually(place, (r) => r.errors?.[0]?.extensions?.retryable !== true, { timeoutMs: 20_000, what: 'bids to know the task' });
  if (!res.data?.placeBid.id) throw new Error(`placeBid failed: ${JSON.stringify(res.errors)}`);
  return { posterToken: poster.token, taskerId: tasker.id, taskId, bidId: res.data.placeBid.id };
}

async function one<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
  return (await pool.query<T>(sql, params)).rows;
}

async function expectSagaFinishedOnce(s: { taskId: string; bidId: string; taskerId: string }): Promise<void> {
  const task = await eventually(
    () => api<{ task: { status: string; assignee: { id: string } | null } }>(`query($id: ID!) { task(id: $id) { status assignee { id } } }`, { id: s.taskId }),
    (d) => d.task.status === 'ASSIGNED',
    { timeoutMs: 30_000 },
  );
  expect(task.task.assignee?.id).toBe(s.taskerId);
  await eventually(() => one<{ status: string }>('SELECT status FROM bids.bids WHERE id = $1', [s.bidId]), (r) => r[0]?.status === 'ACCEPTED', { timeoutMs: 20_000 });
  expect(await one('SELECT id FROM wallet.payments WHERE task_id = $1', [s.taskId])).toHaveLength(1);
  expect(await one(`SELECT id FROM wallet.transfers WHERE task_id = $1 AND kind = 'escrow_hold'`, [s.taskId])).toHaveLength(1);
  expect(await one(`SELECT seq FROM tasks.outbox WHERE type = 'tasks.task.assigned' AND aggregate_id = $1`, [s.taskId])).toHaveLength(1);
}

describe('the bid → payment saga across crashes', () => {
  it('finishes once when wallet dies after holding the escrow but before publishing it', async () => {
    const s = await pendingBid();
    await api(`mutation($id: ID!) { acceptBid(id: $id) { id status } }`, { id: s.bidId }, s.posterToken);
    // The hold is committed with its event in wallet's outbox, not yet on NATS.
    await eventually(
      () => one<{ n: number }>(`SELECT count(*)::int AS n FROM wallet.outbox WHERE type = 'wallet.escrow.held' AND envelope->'data'->>'bidId' = $1 AND published_at IS NULL`, [s.bidId]),
      (r) => r[0]?.n === 1,
      { timeoutMs: 20_000 },
    );
    await stack.kill('wallet', 'SIGKILL');
    await stack.restart('wallet', { OUTBOX_RELAY: 'on' });
    await expectSagaFinishedOnce(s);
  });

  it('finishes once when tasks is down while wallet publishes the hold', async () => {
    const s = await pendingBid();
    await stack.kill('tasks', 'SIGKILL');
    await api(`mutation($id: ID!) { acceptBid(id: $id) { id status } }`, { id: s.bidId }, s.posterToken);
    await eventually(
      () => one<{ n: number }>(`SELECT count(*)::int AS n FROM wallet.outbox WHERE type = 'wallet.escrow.held' AND envelope->'data'->>'bidId' = $1 AND published_at IS NOT NULL`, [s.bidId]),
      (r) => r[0]?.n === 1,
      { timeoutMs: 20_000 },
    );
    await stack.restart('tasks');
    await expectSagaFinishedOnce(s);
  });
});
