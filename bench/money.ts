/**
 * bench/money — the write path through the gateway, beside pgbench on the same Postgres in the
 * same run: sendMoney/s (distinct wallets, one hot payee), placeBid/s, acceptBid → ASSIGNED
 * latency at 1 and at 20 concurrent sagas, whole sagas per second, statements and commits per
 * sendMoney and per acceptBid counted by Postgres and the services, and the ledger invariants.
 *
 *   npm run bench:money [-- --clients 50 --seconds 10 --sagas 200 --concurrent 20 --no-results]
 *                       [--cpu-profile DIR]  (gateway's and wallet's `node --cpu-prof`, for bench/profile-summary.ts)
 *                       [--service-logs]     (the services' warnings and errors on stderr, e.g. to see why one died)
 *
 * Starts its own stack (fresh database, free ports, own NATS namespace).
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DRIVEN_STACK_LIMITS, launchStack } from '@sx/stack';
import { createFreshDatabase, dropDatabase } from '@sx/testkit';
import { benchClient, type BenchUser } from './bench-client.js';
import { printTable } from './report.js';
import { pgbenchTpcb } from './write-path/pgbench.js';
import { countAccepts, countSends, loadAverage, sendLoad } from './write-path/measure.js';
import { placeBid, placeBidLoad, postTask, runSagas } from './write-path/saga-load.js';
import { createStateWatcher } from './write-path/state-watcher.js';
import { hopMeans, snapshotHops } from './write-path/saga-hops.js';
import { writeMoneyResults, type MoneyFigures } from './write-path/money-report.js';
import { walletKnows } from './write-path/wallet-knows.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    sagas: { type: 'string', default: '200' },
    concurrent: { type: 'string', default: '20' },
    counted: { type: 'string', default: '50' },
    'no-results': { type: 'boolean', default: false },
    'cpu-profile': { type: 'string' },
    'service-logs': { type: 'boolean', default: false },
  },
});
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const SAGAS = Number(values.sagas);
const CONCURRENT = Number(values.concurrent);
const COUNTED = Number(values.counted);

/** The ledger's invariants: every currency sums to zero, and no account but the outside world is below zero. */
async function ledgerDrift(databaseUrl: string): Promise<{ drift: number; negative: number }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const sums = await pool.query<{ drift: string }>(
      `SELECT coalesce(sum(abs(s)), 0) AS drift FROM (SELECT sum(balance_minor) AS s FROM wallet.accounts GROUP BY currency) x`,
    );
    const negative = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM wallet.accounts WHERE kind <> 'external' AND balance_minor < 0`);
    return { drift: Number(sums.rows[0]?.drift ?? 0), negative: negative.rows[0]?.n ?? 0 };
  } finally {
    await pool.end();
  }
}

/** Tasks every tasker can bid on, already known to bids (the first bid on each waits for that). */
async function biddableTasks(api: ReturnType<typeof benchClient>, posters: BenchUser[], warmer: BenchUser, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await postTask(api, posters[i % posters.length] as BenchUser, `Bid load ${i}`));
  for (const id of ids) await placeBid(api, warmer, id);
  return ids;
}

async function run(databaseUrl: string, stack: Awaited<ReturnType<typeof launchStack>>): Promise<MoneyFigures> {
  const api = benchClient(stack.gatewayUrl);
  const users = await api.signUpMany(CLIENTS * 2 + 1);
  await walletKnows(databaseUrl, users.map((u) => u.id));
  await Promise.all(users.map((u) => api.deposit(u, 1_000_000)));
  const payers = users.slice(0, CLIENTS);
  const payees = users.slice(CLIENTS, CLIENTS * 2);
  const hot = users[CLIENTS * 2] as BenchUser;
  const pairs = payers.map((poster, i) => ({ poster, tasker: payees[i] as BenchUser }));
  const watch = createStateWatcher(databaseUrl);
  try {
    const counting = { databaseUrl, stack, count: COUNTED };
    const perSend = await countSends({ ...counting, prefix: 'CountedSend' }, api, payers[0] as BenchUser, payees[0] as BenchUser);
    const perAccept = await countAccepts({ ...counting, prefix: 'CountedAccept' }, api, watch, pairs[1] as (typeof pairs)[number]);
    const distinct = await sendLoad(api, { payers, payeeOf: (i) => payees[i] as BenchUser, seconds: SECONDS, databaseUrl, stack });
    const hotPayee = await sendLoad(api, { payers, payeeOf: () => hot, seconds: SECONDS, databaseUrl, stack });
    const tasks = await biddableTasks(api, payers, hot, 60);
    const bids = { ...(await placeBidLoad(api, payees, tasks, SECONDS)), load: loadAverage() };
    const serial = { ...(await runSagas(api, watch, pairs.slice(0, 1), SAGAS)), load: loadAverage() };
    const hopsBefore = await snapshotHops(stack);
    const concurrent = { ...(await runSagas(api, watch, pairs.slice(0, CONCURRENT), SAGAS)), load: loadAverage() };
    const concurrentHops = hopMeans(hopsBefore, await snapshotHops(stack));
    const tpcb = { ...pgbenchTpcb(databaseUrl, { clients: CLIENTS, scale: CLIENTS, seconds: SECONDS }), load: loadAverage() };
    return { clients: CLIENTS, perSend, perAccept, distinct, hotPayee, bids, serial, concurrent, concurrentHops, tpcb, ...(await ledgerDrift(databaseUrl)) };
  } finally {
    await watch.close();
  }
}

/** NODE_OPTIONS that make `service` write a CPU profile into DIR when it exits. */
function profiled(service: string): Record<string, string> {
  const dir = values['cpu-profile'];
  const limits = DRIVEN_STACK_LIMITS[service] ?? {};
  return dir ? { ...limits, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir} --cpu-prof-name=${service}.cpuprofile` } : limits;
}

const databaseUrl = await createFreshDatabase('sx_bench_money');
const namespace = `bench${Date.now().toString(36)}`;
const stack = await launchStack({
  databaseUrl,
  randomPorts: true,
  output: values['service-logs'] ? 'inherit' : 'quiet',
  // The machine is shared: under a load of ~100 ten services need more than a minute to start.
  readyTimeoutMs: 300_000,
  env: { LOG_LEVEL: values['service-logs'] ? 'warn' : 'error', EVENTS_NAMESPACE: namespace },
  serviceEnv: { ...DRIVEN_STACK_LIMITS, gateway: profiled('gateway'), wallet: profiled('wallet') },
});
try {
  const figures = await run(databaseUrl, stack);
  const rows = writeMoneyResults(figures, { write: !values['no-results'], databaseUrl });
  printTable('bench/money', await rows);
  if (figures.drift !== 0 || figures.negative !== 0 || figures.distinct.errors + figures.hotPayee.errors > 0) process.exitCode = 1;
} finally {
  await stack.stop();
  await dropDatabase(databaseUrl);
}
