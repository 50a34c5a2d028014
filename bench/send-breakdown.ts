/**
 * bench/send-breakdown — where the time of one sendMoney goes, layer by layer, one send at a
 * time on an otherwise idle stack (the machine's own load is printed with it):
 *   (a) through the gateway (HTTP, token check, query plan, signed subgraph fetch)
 *   (b) straight to the wallet subgraph with the identity signed as the gateway signs it
 *   (c) the sendMoney command in this process (idempotency, ledger rules, drizzle, Postgres)
 *   (d) Postgres alone: the round trips of (c)'s statements, timed at the pg client
 * The differences are each layer's own cost.
 *
 *   npm run bench:send-breakdown [-- --sends 200]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DRIVEN_STACK_LIMITS, launchStack } from '@sx/stack';
import { createDb, createLogger, DEV_IDENTITY_SECRET, signIdentity } from '@sx/runtime';
import { createFreshDatabase, dropDatabase } from '@sx/testkit';
import { sendMoney } from '../subgraphs/wallet/src/commands/send-money.js';
import { requestHash } from '../subgraphs/wallet/src/commands/ledger/request-hash.js';
import { createLocalProvider } from '../subgraphs/wallet/src/payment-provider/local-provider.js';
import { benchClient, type BenchUser } from './bench-client.js';
import { percentile, printTable } from './report.js';
import { loadAverage } from './write-path/measure.js';
import { timedPool } from './write-path/timed-pool.js';

const { values } = parseArgs({ options: { sends: { type: 'string', default: '200' } } });
const SENDS = Number(values.sends);

async function timeEach(n: number, one: () => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await one();
    ms.push(performance.now() - start);
  }
  return ms.sort((a, b) => a - b);
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (xs: readonly number[]) => `${mean(xs).toFixed(2)} / ${percentile(xs, 0.5).toFixed(2)} / ${percentile(xs, 0.99).toFixed(2)}`;

/** (b): the wallet subgraph's own /graphql, signed as the gateway signs. */
function directSend(walletUrl: string, from: BenchUser, to: BenchUser) {
  return async () => {
    const res = await fetch(`${walletUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signIdentity({ userId: from.id, roles: ['POSTER', 'TASKER'], ip: '127.0.0.1' }, DEV_IDENTITY_SECRET) },
      body: JSON.stringify({
        query: `mutation DirectSend($input: SendMoneyInput!) { sendMoney(input: $input) { transaction { id } } }`,
        variables: { input: { toUserId: to.id, amount: { amount: 1, currency: 'USD' }, idempotencyKey: crypto.randomUUID() } },
      }),
    });
    const body = (await res.json()) as { errors?: unknown[] };
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  };
}

async function measure(databaseUrl: string, stack: Awaited<ReturnType<typeof launchStack>>): Promise<[string, string][]> {
  const api = benchClient(stack.gatewayUrl);
  const [alice, bob] = (await api.signUpMany(2)) as [BenchUser, BenchUser];
  await Promise.all([api.deposit(alice, 1_000_000), api.deposit(bob, 1)]);
  while (!(await api.sendMoney(alice, bob, 1))) await new Promise((r) => setTimeout(r, 100)); // wallet knows bob
  const walletUrl = stack.processes.get('wallet')?.baseUrl ?? '';
  const pool = timedPool(databaseUrl);
  const db = createDb(pool.pool);
  const deps = { db, provider: createLocalProvider(db, { maxChargeMinor: 1, maxPayoutMinor: 1 }), keys: { leaseMs: 30_000, ttlHours: 24 }, log: createLogger('bench', 'silent') };
  const caller = { userId: alice.id, actor: { kind: 'user' as const, id: alice.id } };
  const command = () => sendMoney(deps, { caller, recipientId: bob.id, note: null, money: { amountMinor: 1, currency: 'USD' }, idempotencyKey: crypto.randomUUID() });
  try {
    await timeEach(20, command); // warm-up: connections, prepared statements, JIT
    const gateway = await timeEach(SENDS, async () => {
      if (!(await api.sendMoney(alice, bob, 1))) throw new Error('send failed');
    });
    const direct = await timeEach(SENDS, directSend(walletUrl, alice, bob));
    pool.reset();
    const inProcess = await timeEach(SENDS, command);
    const statements = pool.byStatement(SENDS);
    const hashStart = performance.now();
    for (let i = 0; i < 10_000; i++) requestHash('send', { amountMinor: i, currency: 'USD', recipientId: bob.id, note: null });
    const hashMs = (performance.now() - hashStart) / 10_000;
    const postgres = statements.reduce((a, s) => a + s.msPerSend, 0);
    return [
      [`machine load average (1 / 5 / 15 min)`, loadAverage()],
      [`(a) through the gateway: mean / p50 / p99 ms (n=${SENDS})`, fmt(gateway)],
      [`(b) wallet subgraph directly`, fmt(direct)],
      [`(c) the command in process`, fmt(inProcess)],
      [`(d) Postgres: sum of the statements' round trips, mean ms`, postgres.toFixed(2)],
      ...statements.map((s): [string, string] => [`    ${s.label} (${s.perSend.toFixed(1)} per send)`, `${s.msPerSend.toFixed(3)} ms`]),
      ['gateway own cost, a − b (ms)', (mean(gateway) - mean(direct)).toFixed(2)],
      ['subgraph HTTP + GraphQL execution, b − c (ms)', (mean(direct) - mean(inProcess)).toFixed(2)],
      ['command in JS (idempotency hash, rules, drizzle), c − d (ms)', (mean(inProcess) - postgres).toFixed(2)],
      ['  of which the request hash (ms)', hashMs.toFixed(3)],
    ];
  } finally {
    await pool.pool.end();
  }
}

const databaseUrl = await createFreshDatabase('sx_bench_breakdown');
const stack = await launchStack({
  databaseUrl,
  randomPorts: true,
  output: 'quiet',
  env: { LOG_LEVEL: 'error', EVENTS_NAMESPACE: `breakdown${Date.now().toString(36)}` },
  serviceEnv: DRIVEN_STACK_LIMITS,
});
try {
  printTable('bench/send-breakdown', await measure(databaseUrl, stack));
} finally {
  await stack.stop();
  await dropDatabase(databaseUrl);
}
