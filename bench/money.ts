/**
 * bench/money — sendMoney transfers per second through the gateway (50 clients on distinct
 * wallets, then 50 clients paying one hot wallet), beside a pgbench TPC-B run on the same
 * Postgres in the same run; acceptBid → ASSIGNED latency; and a final ledger invariant check.
 *
 *   npm run bench:money [-- --clients 50 --seconds 10 --accepts 20]
 *
 * Starts its own stack (fresh database, free ports, own NATS namespace).
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DRIVEN_STACK_LIMITS, launchStack } from '@sx/stack';
import { createFreshDatabase, dropDatabase } from '@sx/testkit';
import { percentile, printTable } from './report.js';
import { benchClient, type BenchUser } from './bench-client.js';
import { measureAcceptLatency } from './accept-latency.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    accepts: { type: 'string', default: '20' },
  },
});
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const ACCEPTS = Number(values.accepts);

/** Runs `clients` loops for `seconds`, each sending 1 cent from its payer to `payeeOf(i)`. */
async function sendLoad(api: ReturnType<typeof benchClient>, payers: BenchUser[], payeeOf: (i: number) => BenchUser): Promise<{ tps: number; errors: number }> {
  const deadline = Date.now() + SECONDS * 1000;
  let done = 0;
  let errors = 0;
  const start = performance.now();
  await Promise.all(
    payers.map(async (payer, i) => {
      while (Date.now() < deadline) {
        const ok = await api.sendMoney(payer, payeeOf(i), 1);
        if (ok) done += 1;
        else errors += 1;
      }
    }),
  );
  return { tps: done / ((performance.now() - start) / 1000), errors };
}

function pgbenchTps(databaseUrl: string): number {
  const url = new URL(databaseUrl);
  const args = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres'];
  const name = `${url.pathname.slice(1)}_pgbench`;
  execFileSync('psql', [...args, '-d', 'postgres', '-qc', `CREATE DATABASE "${name}"`]);
  try {
    execFileSync('pgbench', [...args, '-i', '-q', '-s', '1', name], { stdio: 'ignore' });
    const out = execFileSync('pgbench', [...args, '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), name], { encoding: 'utf8' });
    const match = /tps = ([\d.]+)/.exec(out);
    return Number(match?.[1]);
  } finally {
    execFileSync('psql', [...args, '-d', 'postgres', '-qc', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
  }
}

/** wallet learns of new users from users' events; sends to them work once it has. */
async function walletKnows(databaseUrl: string, ids: string[]): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM wallet.known_users WHERE user_id = ANY($1::uuid[])', [ids]);
      if (rows[0]?.n === ids.length) return;
      if (Date.now() > deadline) throw new Error('wallet did not learn of the bench users in 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await pool.end();
  }
}

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

const databaseUrl = await createFreshDatabase('sx_bench_money');
const namespace = `bench${Date.now().toString(36)}`;
const stack = await launchStack({
  databaseUrl,
  randomPorts: true,
  output: 'quiet',
  env: { LOG_LEVEL: 'error', EVENTS_NAMESPACE: namespace },
  serviceEnv: DRIVEN_STACK_LIMITS,
});
try {
  const api = benchClient(stack.gatewayUrl);
  const users = await api.signUpMany(CLIENTS * 2 + 1);
  await walletKnows(databaseUrl, users.map((u) => u.id));
  await Promise.all(users.map((u) => api.deposit(u, 1_000_000)));
  const payers = users.slice(0, CLIENTS);
  const payees = users.slice(CLIENTS, CLIENTS * 2);
  const hot = users[CLIENTS * 2] as BenchUser;

  const distinct = await sendLoad(api, payers, (i) => payees[i] as BenchUser);
  const hotWallet = await sendLoad(api, payers, () => hot);
  const accept = await measureAcceptLatency(api, ACCEPTS);
  const tpcb = pgbenchTps(databaseUrl);
  const { drift, negative } = await ledgerDrift(databaseUrl);
  accept.sort((a, b) => a - b);

  printTable('bench/money', [
    ['clients', String(CLIENTS)],
    ['sendMoney/s, distinct wallets', distinct.tps.toFixed(0)],
    ['sendMoney/s, one hot payee wallet', hotWallet.tps.toFixed(0)],
    ['failed sends (should be 0)', String(distinct.errors + hotWallet.errors)],
    [`pgbench TPC-B tps (-c ${CLIENTS} -T ${SECONDS})`, tpcb.toFixed(0)],
    ['ratio distinct / TPC-B', (distinct.tps / tpcb).toFixed(3)],
    ['ratio hot wallet / TPC-B', (hotWallet.tps / tpcb).toFixed(3)],
    [`acceptBid → ASSIGNED p50 (ms, n=${accept.length})`, String(percentile(accept, 0.5))],
    ['acceptBid → ASSIGNED p99 (ms)', String(percentile(accept, 0.99))],
    ['ledger drift (sum of all accounts per currency; must be 0)', String(drift)],
    ['accounts below zero (must be 0)', String(negative)],
  ]);
  if (drift !== 0 || negative !== 0) process.exitCode = 1;
} finally {
  await stack.stop();
  await dropDatabase(databaseUrl);
}
