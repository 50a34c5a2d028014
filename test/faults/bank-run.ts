import { writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { signAccessToken, type Db } from '@sx/runtime';
import { eventually } from '@sx/testkit';
import { checkAfterHealing, type CheckResult } from './bank-checks.js';
import { GatewayClient, signUp, type Session } from './bank-client.js';
import { settleInDoubt } from './bank-history.js';
import { bankReport } from './bank-report.js';
import { finishSaga } from './bank-sagas.js';
import { runWorkload, type WorkloadRun } from './bank-workload.js';
import { heal, runNemesis, type FaultLog, type NemesisStack } from './nemesis.js';

const USERS = 8;
const WORKERS = 6;
const SETTLE_TIMEOUT_MS = 240_000;

/** A stack the bank test runs against: the single fault stack, or the cluster (test/cluster/bank.test.ts). */
export interface BankStack extends NemesisStack {
  /** Where clients send requests: each gateway, or one load balancer in front of them. */
  gatewayUrls: string[];
  /** The run's token key (the admin's token is signed with it). */
  jwtSecret: string;
}

export interface BankRun {
  run: WorkloadRun;
  faults: FaultLog;
  checks: CheckResult[];
  report: string;
}

async function signUpEveryone(client: GatewayClient, db: Db): Promise<Session[]> {
  const sessions: Session[] = [];
  for (let i = 0; i < USERS; i += 1) sessions.push(await signUp(client, `Banker ${i}`));
  // Sends need the recipient known to wallet (from users' sign-up event) before the faults start.
  const ids = sessions.map((s) => s.id);
  await eventually(
    async () => Number((await db.execute<{ n: string }>(sql`SELECT count(*)::text AS n FROM wallet.known_users WHERE user_id::text = ANY(string_to_array(${ids.join(',')}, ','))`)).rows[0]?.n),
    (n) => n === USERS,
    { what: 'wallet to know every user', timeoutMs: 60_000 },
  );
  return sessions;
}

/**
 * An admin for the dispute-split sagas: a user of its own with an ADMIN token signed by the run's
 * key (there is no admin sign-up), valid for the whole run (a re-sign-in would drop the role).
 */
async function adminSession(client: GatewayClient, jwtSecret: string): Promise<Session> {
  const user = await signUp(client, 'Bank Admin');
  return { ...user, token: await signAccessToken({ userId: user.id, roles: ['ADMIN'] }, jwtSecret, 6 * 60 * 60) };
}

/** Runs the checks until the saga's asynchronous tail has settled (or the time is up). */
async function settledChecks(db: Db, client: GatewayClient, run: Parameters<typeof checkAfterHealing>[2]): Promise<CheckResult[]> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let checks = await checkAfterHealing(db, client, run);
  while (checks.some((c) => !c.passed) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 2_000));
    checks = await checkAfterHealing(db, client, run);
  }
  return checks;
}

/**
 * The bank test (docs/reliability.md): the workload beside the nemesis for `durationS`, then
 * heal, let the client finish what was cut short, and check the books. Prints the report.
 */
export async function runBankTest(stack: BankStack, db: Db, opts: { durationS: number; seed: number }): Promise<BankRun> {
  const client = new GatewayClient(stack.gatewayUrls);
  const sessions = await signUpEveryone(client, db);
  const admin = await adminSession(client, stack.jwtSecret);
  const startedAt = Date.now();
  const stopAt = startedAt + opts.durationS * 1_000;
  // The workload runs as long as the nemesis does (which finishes its last round of faults).
  let nemesisDone = false;
  const nemesis = runNemesis(stack, opts.seed, stopAt).finally(() => {
    nemesisDone = true;
  });
  const [run, faults] = await Promise.all([runWorkload({ client, sessions, admin, seed: opts.seed, workers: WORKERS, running: () => !nemesisDone }), nemesis]);
  const workloadS = Math.round((Date.now() - startedAt) / 1_000);
  await heal(stack);
  // The client finishes what the faults cut short, as a real one would after an outage.
  await settleInDoubt(client, sessions, run.money, Date.now() + SETTLE_TIMEOUT_MS);
  const ctx = { client, sessions, admin, stepTimeoutMs: 60_000 };
  await Promise.all(run.sagas.map((saga) => finishSaga(ctx, saga)));
  const checks = await settledChecks(db, client, { sessions, ...run });
  const report = bankReport({ seed: opts.seed, durationS: workloadS, ...run, faults, checks });
  process.stdout.write(`\n${report}\n\nfaults in order: ${faults.events.join('; ')}\n`);
  if (process.env.FAULTS_REPORT) writeFileSync(process.env.FAULTS_REPORT, `${report}\n`);
  return { run, faults, checks, report };
}

/** Every invariant held, and the run exercised what it claims to check. */
export function expectBooksExact({ run, faults, checks, report }: BankRun): void {
  expect(checks.filter((c) => !c.passed), report).toEqual([]);
  expect([...faults.counts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  expect(run.money.filter((m) => m.status === 'acked').length).toBeGreaterThan(10);
  expect(run.money.some((m) => m.code === 'INSUFFICIENT_FUNDS')).toBe(true);
  expect(run.sagas.filter((s) => s.stage === 'finished').length).toBeGreaterThan(0);
}
