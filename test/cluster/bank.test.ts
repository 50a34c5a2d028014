import { afterAll, beforeAll, describe, it } from 'vitest';
import { createDb, createPool, type Db } from '@sx/runtime';
import { DRIVEN_STACK_LIMITS, launchCluster, type RunningCluster } from '@sx/stack';
import { expectBooksExact, runBankTest } from '../faults/bank-run.js';
import { clusterNemesisStack } from './cluster-nemesis.js';

// The bank test of docs/reliability.md against the clustered stack: the same workload and
// checks, through HAProxy, while the nemesis kills and pauses gateway, wallet, bids and tasks
// instances, crashes NATS nodes in turn and the Postgres primary and replica in turn.
//   npm run test:cluster:bank            (FAULTS_DURATION_S, default 60; FAULTS_SEED replays a run)
const DURATION_S = Number(process.env.FAULTS_DURATION_S ?? 60);
const SEED = Number(process.env.FAULTS_SEED ?? Math.floor(Math.random() * 2 ** 31));

let cluster: RunningCluster;
/** The launch, kept so afterAll stops a cluster whose start outlasted beforeAll. */
let launching: Promise<RunningCluster> | undefined;
let pool: ReturnType<typeof createPool>;
let db: Db;

beforeAll(async () => {
  launching = launchCluster({
    readyTimeoutMs: 600_000, // a machine at load 100 has taken over 5 minutes to start the 20 services
    output: process.env.STACK_LOGS === '1' ? 'inherit' : 'quiet',
    env: { LOG_LEVEL: process.env.STACK_LOG_LEVEL ?? 'warn', NODE_ENV: 'test', DB_POOL_MAX: '5' },
    // Auto-release after 3 s of DONE, so the workload sees it happen.
    serviceEnv: { ...DRIVEN_STACK_LIMITS, tasks: { AUTO_RELEASE_AFTER_MS: '3000', AUTO_RELEASE_INTERVAL_MS: '500' } },
  });
  cluster = await launching;
  pool = createPool({ url: cluster.databaseUrl, max: 2 });
  // The nemesis crashes the primary: an idle connection of this pool dies with it (and is replaced).
  pool.on('error', () => undefined);
  db = createDb(pool);
}, 900_000);

afterAll(async () => {
  for (const proc of cluster?.services.processes.values() ?? []) proc.child.kill('SIGCONT');
  await pool?.end();
  await (cluster ?? (await launching?.catch(() => undefined)))?.stop();
}, 900_000);

describe(`bank test on the cluster, with a nemesis (${DURATION_S} s, seed ${SEED})`, () => {
  it(
    'keeps the books exact through crashes and pauses of instances, NATS nodes, the primary and the replica',
    async () => {
      expectBooksExact(await runBankTest(clusterNemesisStack(cluster), db, { durationS: DURATION_S, seed: SEED }));
    },
    (DURATION_S + 900) * 1_000,
  );
});
