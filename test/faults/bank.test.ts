import { afterAll, beforeAll, describe, it } from 'vitest';
import { createDb, createPool, type Db } from '@sx/runtime';
import { expectBooksExact, runBankTest } from './bank-run.js';
import { FaultStack } from './fault-stack.js';

// The bank test with a nemesis (docs/reliability.md). `npm test` runs a short variant;
// `npm run test:faults` runs FAULTS_DURATION_S (600 s) of it. test/cluster/bank.test.ts runs
// the same against the clustered stack.
const DURATION_S = Number(process.env.FAULTS_DURATION_S ?? 40);
const SEED = Number(process.env.FAULTS_SEED ?? Math.floor(Math.random() * 2 ** 31));

let stack: FaultStack;
let pool: ReturnType<typeof createPool>;
let db: Db;

beforeAll(async () => {
  stack = await FaultStack.start({
    doubled: ['wallet', 'bids', 'gateway'],
    // Auto-release after 3 s of DONE, so the workload sees it happen.
    serviceEnv: { tasks: { AUTO_RELEASE_AFTER_MS: '3000', AUTO_RELEASE_INTERVAL_MS: '500' } },
  });
  pool = createPool({ url: stack.postgres.adminUrl, max: 2 });
  // The nemesis crashes Postgres: an idle connection of this pool dies with it (and is replaced).
  pool.on('error', () => undefined);
  db = createDb(pool);
}, 300_000);

afterAll(async () => {
  await pool?.end();
  await stack?.stop();
}, 120_000);

describe(`bank test with a nemesis (${DURATION_S} s, seed ${SEED})`, () => {
  it(
    'keeps the books exact through crashes, pauses and restarts of services, NATS and Postgres',
    async () => {
      expectBooksExact(await runBankTest(stack, db, { durationS: DURATION_S, seed: SEED }));
    },
    (DURATION_S + 900) * 1_000,
  );
});
