import { writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createPool, signAccessToken, type Db } from '@sx/runtime';
import { eventually } from '@sx/testkit';
import { checkAfterHealing, type CheckResult } from './bank-checks.js';
import { GatewayClient, signUp, type Session } from './bank-client.js';
import { settleInDoubt } from './bank-history.js';
import { bankReport } from './bank-report.js';
import { finishSaga } from './bank-sagas.js';
import { runWorkload } from './bank-workload.js';
import { FaultStack } from './fault-stack.js';
import { heal, runNemesis } from './nemesis.js';

// The bank test with a nemesis (docs/reliability.md). `npm test` runs a short variant;
// `npm run test:faults` runs FAULTS_DURATION_S (600 s) of it.
const DURATION_S = Number(process.env.FAULTS_DURATION_S ?? 40);
const SEED = Number(process.env.FAULTS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const USERS = 8;
const WORKERS = 6;
const SETTLE_TIMEOUT_MS = 240_000;

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

async function signUpEveryone(client: GatewayClient): Promise<Session[]> {
  const sessions: Session[] = [];
  for (let i = 0; i < USERS; i += 1) sessions.push(await signUp(client, `Banker ${i}`));
  // Sends need the recipient known to wallet (from users' sign-up event) before the faults start.
  await eventually(async () => Number((await db.execute<{ n: string }>(sql`SELECT count(*)::text AS n FROM wallet.known_users`)).rows[0]?.n), (n) => n === USERS, {
    what: 'wallet to know every user',
    timeoutMs: 60_000,
  });
  return sessions;
}

/**
 * An admin for the dispute-split sagas: a user of its own with an ADMIN token signed by the run's
 * key (there is no admin sign-up), valid for the whole run (a re-sign-in would drop the role).
 */
async function adminSession(client: GatewayClient): Promise<Session> {
  const user = await signUp(client, 'Bank Admin');
  return { ...user, token: await signAccessToken({ userId: user.id, roles: ['ADMIN'] }, stack.secrets.jwtSecret, 6 * 60 * 60) };
}

/** Runs the checks until the saga's asynchronous tail has settled (or the time is up). */
async function settledChecks(client: GatewayClient, run: Parameters<typeof checkAfterHealing>[2]): Promise<CheckResult[]> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let checks = await checkAfterHealing(db, client, run);
  while (checks.some((c) => !c.passed) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 2_000));
    checks = await checkAfterHealing(db, client, run);
  }
  return checks;
}

describe(`bank test with a nemesis (${DURATION_S} s, seed ${SEED})`, () => {
  it(
    'keeps the books exact through crashes, pauses and restarts of services, NATS and Postgres',
    async () => {
      const client = new GatewayClient(stack.gatewayUrls);
      const sessions = await signUpEveryone(client);
      const admin = await adminSession(client);
      const startedAt = Date.now();
      const stopAt = startedAt + DURATION_S * 1_000;
      // The workload runs as long as the nemesis does (which finishes its last round of faults).
      let nemesisDone = false;
      const nemesis = runNemesis(stack, SEED, stopAt).finally(() => {
        nemesisDone = true;
      });
      const [run, faults] = await Promise.all([runWorkload({ client, sessions, admin, seed: SEED, workers: WORKERS, running: () => !nemesisDone }), nemesis]);
      const workloadS = Math.round((Date.now() - startedAt) / 1_000);
      await heal(stack);
      // The client finishes what the faults cut short, as a real one would after an outage.
      const deadlineMs = Date.now() + SETTLE_TIMEOUT_MS;
      await settleInDoubt(client, sessions, run.money, deadlineMs);
      const ctx = { client, sessions, admin, stepTimeoutMs: 60_000 };
      await Promise.all(run.sagas.map((saga) => finishSaga(ctx, saga)));
      const checks = await settledChecks(client, { sessions, ...run });
      const report = bankReport({ seed: SEED, durationS: workloadS, ...run, faults, checks });
      process.stdout.write(`\n${report}\n\nfaults in order: ${faults.events.join('; ')}\n`);
      if (process.env.FAULTS_REPORT) writeFileSync(process.env.FAULTS_REPORT, `${report}\n`);

      expect(checks.filter((c) => !c.passed), report).toEqual([]);
      // The run must have exercised what it claims to check.
      expect([...faults.counts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(run.money.filter((m) => m.status === 'acked').length).toBeGreaterThan(10);
      expect(run.money.some((m) => m.code === 'INSUFFICIENT_FUNDS')).toBe(true);
      expect(run.sagas.filter((s) => s.stage === 'finished').length).toBeGreaterThan(0);
    },
    (DURATION_S + 900) * 1_000,
  );
});
