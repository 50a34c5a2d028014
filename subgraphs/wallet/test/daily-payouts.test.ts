import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { payoutPass, runDailyPayouts } from '../src/commands/payouts/run-daily-payouts.js';
import { createLocalProvider } from '../src/payment-provider/local-provider.js';
import type { PaymentProvider } from '../src/payment-provider/payment-provider.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eventually, stackInfo, subgraphGql } from '@sx/testkit';
import { dataOf, deposit, usd } from './wallet-api.js';
import { forgetDestinations, newTasker, notificationKinds, openPayoutDb, payoutDeps, payoutState, runOn, RUNS, setDestination, THRESHOLD_MINOR, type RunsPage } from './payout-fixture.js';

const CRASH_CHILD = fileURLToPath(new URL('./payout-crash-child.ts', import.meta.url));
/** A child process compiles the wallet's code with tsx before it runs: slow on a loaded two-core machine. */
const CHILD_RUN_MS = 180_000;
const { db, close } = openPayoutDb();
afterAll(close);

// Every test pays on a day of its own and forgets its taskers' destinations afterwards, so a
// run only ever finds the taskers of its own test.
const made: string[] = [];
afterEach(async () => {
  await forgetDestinations(db, made.splice(0));
});

async function taskerWith(amountMinor: number, opts: { destination?: boolean } = {}): Promise<string> {
  const userId = newTasker();
  made.push(userId);
  if (amountMinor > 0) await deposit(userId, usd(amountMinor));
  if (opts.destination !== false) await setDestination(userId);
  return userId;
}

describe('daily payouts', () => {
  it("pays a tasker's whole available balance to their destination once, and a second run the same day pays nothing", async () => {
    const userId = await taskerWith(5_000);
    const deps = payoutDeps(db);

    const first = await runDailyPayouts(deps, runOn('2031-01-01'));
    expect(first).toMatchObject({ day: '2031-01-01', paidCount: 1, failedCount: 0, pendingCount: 0, totals: [{ amountMinor: 5_000, currency: 'USD' }] });
    expect(first?.finishedAt).toBeInstanceOf(Date);
    const after = await payoutState(db, userId);
    expect(after.balanceMinor).toBe(0);
    expect(after.payouts).toHaveLength(1);
    expect(after.payouts[0]).toMatchObject({ status: 'paid', amountMinor: 5_000, day: '2031-01-01', accountMask: 'GB•••• 5432' });
    expect(after.providerRequests).toHaveLength(1);
    expect(after.providerRequests[0]).toMatchObject({ operation: 'payout', amountMinor: 5_000, status: 'succeeded', destinationRef: after.payouts[0]?.destinationRef });
    expect(after.debits).toHaveLength(1);
    expect(after.events).toEqual(['wallet.payout.paid']);
    const told = await eventually(() => notificationKinds(userId), (n) => n.length > 0, { what: 'the payout notification' });
    expect(told).toEqual([{ kind: 'PAYOUT_SENT', body: '50.00 USD was paid out to your account GB•••• 5432.' }]);

    await deposit(userId, usd(4_000));
    const second = await runDailyPayouts(deps, runOn('2031-01-01'));
    expect(second).toMatchObject({ paidCount: 0, failedCount: 0, totals: [] });
    const again = await payoutState(db, userId);
    expect(again.balanceMinor).toBe(4_000);
    expect(again.payouts).toHaveLength(1);
    expect(again.providerRequests).toHaveLength(1);

    // The next day the new money goes out.
    const nextDay = await runDailyPayouts(deps, runOn('2031-01-02'));
    expect(nextDay).toMatchObject({ paidCount: 1, totals: [{ amountMinor: 4_000, currency: 'USD' }] });
    expect((await payoutState(db, userId)).balanceMinor).toBe(0);
  });

  it('leaves a balance below the threshold, and a tasker without a destination, alone', async () => {
    const small = await taskerWith(THRESHOLD_MINOR - 1);
    const noDestination = await taskerWith(50_000, { destination: false });
    const run = await runDailyPayouts(payoutDeps(db), runOn('2031-01-03'));
    expect(run).toMatchObject({ paidCount: 0, failedCount: 0, pendingCount: 0 });
    expect(await payoutState(db, small)).toMatchObject({ balanceMinor: THRESHOLD_MINOR - 1, payouts: [] });
    expect(await payoutState(db, noDestination)).toMatchObject({ balanceMinor: 50_000, payouts: [] });
  });

  it('pays once when two instances run at the same time', async () => {
    const userIds = await Promise.all([taskerWith(2_000), taskerWith(3_000), taskerWith(4_000)]);
    const [a, b] = await Promise.all([runDailyPayouts(payoutDeps(db), runOn('2031-01-04')), runDailyPayouts(payoutDeps(db), runOn('2031-01-04'))]);
    // Usually the second finds the run lock taken and skips (null); if it started after the
    // first finished, it finds nobody left to pay.
    const ran = [a, b].filter((r) => r !== null);
    expect(ran.map((r) => r.paidCount).sort()).toEqual(ran.length === 1 ? [3] : [0, 3]);
    for (const userId of userIds) {
      const state = await payoutState(db, userId);
      expect(state.balanceMinor).toBe(0);
      expect(state.providerRequests).toHaveLength(1);
      expect(state.debits).toHaveLength(1);
    }
  });

  it('pays once when two passes race without the run lock: the (user, day) key decides', async () => {
    const userIds = await Promise.all([taskerWith(2_500), taskerWith(3_500), taskerWith(1_500), taskerWith(6_000)]);
    const passes = await Promise.all([payoutPass(payoutDeps(db), runOn('2031-01-05')), payoutPass(payoutDeps(db), runOn('2031-01-05'))]);
    expect(passes[0].paidCount + passes[1].paidCount).toBe(4);
    for (const userId of userIds) {
      const state = await payoutState(db, userId);
      expect(state.balanceMinor).toBe(0);
      expect(state.payouts).toHaveLength(1);
      expect(state.providerRequests).toHaveLength(1);
      expect(state.debits).toHaveLength(1);
    }
  });

  it('a declined payout pays the money back into the wallet and counts as a failure', async () => {
    const userId = await taskerWith(5_000);
    const strict = createLocalProvider(db, { maxChargeMinor: 2_500_000, maxPayoutMinor: 4_000 });
    const run = await runDailyPayouts(payoutDeps(db, strict), runOn('2031-01-06'));
    expect(run).toMatchObject({ paidCount: 0, failedCount: 1, totals: [] });
    const state = await payoutState(db, userId);
    expect(state.balanceMinor).toBe(5_000);
    expect(state.payouts[0]).toMatchObject({ status: 'failed', failureReason: 'LIMIT_EXCEEDED' });
    expect(state.providerRequests[0]).toMatchObject({ status: 'declined' });
    expect(state.events).toEqual(['wallet.payout.failed']);
    const told = await eventually(() => notificationKinds(userId), (n) => n.length > 0, { what: 'the declined payout notification' });
    expect(told.map((n) => n.kind)).toEqual(['PAYOUT_FAILED']);
  });
});

describe('Query.payoutRuns', () => {
  it('lists the runs newest first, with what each paid, a page at a time', async () => {
    await taskerWith(2_345);
    const older = await runDailyPayouts(payoutDeps(db), runOn('2032-02-01'));
    const newer = await runDailyPayouts(payoutDeps(db), runOn('2032-02-02'));
    const admin = { userId: newTasker(), roles: ['ADMIN' as const] };

    // Other test files may add runs meanwhile: positions are checked relative to each other.
    const all = dataOf(await subgraphGql<RunsPage>('wallet', RUNS, { first: 100 }, admin)).payoutRuns.edges;
    const ids = all.map((e) => e.node.id);
    expect(ids.indexOf(newer?.id ?? '')).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newer?.id ?? '')).toBeLessThan(ids.indexOf(older?.id ?? ''));
    expect(all.find((e) => e.node.id === older?.id)?.node).toMatchObject({ day: '2032-02-01', paidCount: 1, totals: [{ amount: 2_345, currency: 'USD' }] });

    const at = ids.indexOf(newer?.id ?? '');
    const next = dataOf(await subgraphGql<RunsPage>('wallet', RUNS, { first: 1, after: all[at]?.cursor }, admin)).payoutRuns;
    expect(next.edges.map((e) => e.node.id)).toEqual([ids[at + 1]]);
  });
});

describe('daily payouts after a crash', () => {
  /** A run in a child process that SIGKILLs itself at `step` of its first payout; resolves with the signal it died of. */
  const runKilledAt = (day: string, step: 'before-provider' | 'after-provider') =>
    new Promise<NodeJS.Signals | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CRASH_CHILD, stackInfo().databaseUrl, day, String(THRESHOLD_MINOR), step], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code, signal) => (signal ? resolve(signal) : reject(new Error(`crash child exited ${code}: ${stderr}`))));
    });
  /**
   * The next run after a killed one. Until Postgres has noticed the killed child's connection
   * closed, its session still holds the run lock and a run answers null (another run is going);
   * the resumed run is the first one that gets the lock.
   */
  const runAfterKill = (day: string) =>
    eventually(() => runDailyPayouts(payoutDeps(db), runOn(day)), (run) => run !== null, { what: "the killed run's lock released" });
  /** In this process: the provider call fails before reaching the provider (the answer is unknown). */
  const crashBeforeAsking = (inner: PaymentProvider): PaymentProvider => ({
    ...inner,
    payout: () => Promise.reject(new Error('process died before asking the provider')),
  });

  it('never pays twice when the process is killed between the provider paying and the ledger write', { timeout: CHILD_RUN_MS }, async () => {
    const userId = await taskerWith(7_000);
    expect(await runKilledAt('2031-01-07', 'after-provider')).toBe('SIGKILL');
    const between = await payoutState(db, userId);
    expect(between.balanceMinor).toBe(0);
    expect(between.payouts[0]?.status).toBe('pending');
    expect(between.providerRequests).toHaveLength(1);

    // The next run, even on a later day, finishes the payout under the same key: the provider answers its first outcome.
    const resumed = await runAfterKill('2031-01-08');
    expect(resumed).toMatchObject({ paidCount: 1, totals: [{ amountMinor: 7_000, currency: 'USD' }] });
    const state = await payoutState(db, userId);
    expect(state.balanceMinor).toBe(0);
    expect(state.payouts).toHaveLength(1);
    expect(state.payouts[0]).toMatchObject({ status: 'paid', day: '2031-01-07' });
    expect(state.providerRequests).toHaveLength(1);
    expect(state.debits).toHaveLength(1);
    expect(state.events).toEqual(['wallet.payout.paid']);
  });

  it('finishes a payout whose process was killed after the debit, before asking the provider', { timeout: CHILD_RUN_MS }, async () => {
    const userId = await taskerWith(6_500);
    expect(await runKilledAt('2031-01-10', 'before-provider')).toBe('SIGKILL');
    expect(await payoutState(db, userId)).toMatchObject({ balanceMinor: 0, providerRequests: [] });
    const resumed = await runAfterKill('2031-01-10');
    expect(resumed).toMatchObject({ paidCount: 1 });
    const state = await payoutState(db, userId);
    expect(state.payouts.map((p) => p.status)).toEqual(['paid']);
    expect(state.providerRequests).toHaveLength(1);
    expect(state.debits).toHaveLength(1);
  });

  it('keeps a payout pending when the provider call fails without an answer, and the next run finishes it', async () => {
    const userId = await taskerWith(8_000);
    const crashed = await runDailyPayouts(payoutDeps(db, crashBeforeAsking(payoutDeps(db).provider)), runOn('2031-01-09'));
    expect(crashed).toMatchObject({ pendingCount: 1 });
    expect(await payoutState(db, userId)).toMatchObject({ balanceMinor: 0, providerRequests: [] });

    const resumed = await runDailyPayouts(payoutDeps(db), runOn('2031-01-09'));
    expect(resumed).toMatchObject({ paidCount: 1 });
    const state = await payoutState(db, userId);
    expect(state.payouts).toHaveLength(1);
    expect(state.payouts[0]?.status).toBe('paid');
    expect(state.providerRequests).toHaveLength(1);
    expect(state.debits).toHaveLength(1);
  });
});
