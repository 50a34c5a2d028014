import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVEN_STACK_LIMITS, launchCluster, type RunningCluster } from '@sx/stack';
import { eventually, metricSample, scrapeMetrics } from '@sx/testkit';
import { acked, inTransit } from './acked.js';
import { missingTransfers, moneyViolations, waitForEventsSettled } from './checks.js';
import { ResumableFeed } from './resumable-feed.js';
import { deposit, saga, send, signUp, type AckedLog, type ClusterUser } from './workload.js';

const USERS = 4;
const OPENING = 100_000;
const SENDS_PER_WORKER = Number(process.env.CLUSTER_SENDS ?? 12);
const SAGAS = Number(process.env.CLUSTER_SAGAS ?? 4);

let cluster: RunningCluster;
/** The launch, kept so afterAll stops a cluster whose start outlasted beforeAll. */
let launching: Promise<RunningCluster> | undefined;
let pool: pg.Pool;

beforeAll(async () => {
  launching = launchCluster({
    readyTimeoutMs: 600_000, // a machine at load 100 has taken over 5 minutes to start the 20 services
    output: process.env.STACK_LOGS === '1' ? 'inherit' : 'quiet',
    env: { LOG_LEVEL: process.env.STACK_LOG_LEVEL ?? 'warn', NODE_ENV: 'test' },
    serviceEnv: DRIVEN_STACK_LIMITS,
  });
  cluster = await launching;
  pool = new pg.Pool({ connectionString: cluster.databaseUrl, max: 3 });
}, 900_000);

afterAll(async () => {
  await pool?.end();
  await (cluster ?? (await launching?.catch(() => undefined)))?.stop();
}, 900_000);

/**
 * Active paymentEvents subscriptions over the gateways. A client is told nothing when its
 * subscription takes effect, and one without a cursor starts at the stream's end from then:
 * events before it are not its to receive.
 */
async function livePaymentSubscriptions(): Promise<number> {
  const gateways = [...cluster.services.processes.entries()].filter(([name]) => name.startsWith('gateway-')).map(([, proc]) => proc);
  const counts = await Promise.all(
    gateways.map(async (proc) => metricSample(await scrapeMetrics(proc.baseUrl, cluster.secrets.metricsToken), 'sx_live_subscriptions', ['field="paymentEvents"']) ?? 0),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Kills, in turn, a NATS node, a gateway, a wallet instance and the replica while the workload runs; then brings them back. */
async function faults(progress: () => number, log: string[]): Promise<void> {
  const after = (n: number) => eventually(async () => progress(), (p) => p >= n, { timeoutMs: 180_000, intervalMs: 100, what: `${n} operations done` });
  await after(4);
  await cluster.nats.kill(0);
  log.push('nats-1 killed');
  await after(10);
  await cluster.services.kill('gateway-1');
  log.push('gateway-1 killed');
  await after(16);
  await cluster.services.kill('wallet-1');
  log.push('wallet-1 killed');
  await after(22);
  await cluster.postgres.killReplica();
  log.push('replica killed');
  // The public listing keeps answering from the primary while the replica is down.
  await acked(cluster.gatewayUrl, `{ tasks(first: 5) { edges { node { id } } } }`, {});
  await after(28);
  await cluster.nats.restart(0);
  await cluster.services.restart('gateway-1');
  await cluster.services.restart('wallet-1');
  await cluster.postgres.restartReplica();
  log.push('all back');
}

async function workload(users: ClusterUser[], acks: AckedLog, done: { count: number }): Promise<void> {
  const url = cluster.gatewayUrl;
  const sender = async (w: number) => {
    for (let i = 0; i < SENDS_PER_WORKER; i++) {
      const from = users[(w + i) % USERS] as ClusterUser;
      const to = users[(w + i + 1) % USERS] as ClusterUser;
      await send(url, from, to, 100 + ((w * 7 + i * 13) % 400), acks);
      done.count += 1;
    }
  };
  const sagas = async () => {
    for (let i = 0; i < SAGAS; i++) {
      await saga(url, users[i % USERS] as ClusterUser, users[(i + 2) % USERS] as ClusterUser, i % 2 === 0 ? 'RELEASED' : 'REFUNDED', acks);
      done.count += 1;
    }
  };
  await Promise.all([sender(0), sender(1), sender(2), sagas()]);
}

describe('the cluster under faults', () => {
  it('loses no acknowledged operation and no event while a NATS node, a gateway, a wallet instance and the replica die', { timeout: 900_000 }, async () => {
    const url = cluster.gatewayUrl;
    const users = await Promise.all(Array.from({ length: USERS }, (_, i) => signUp(url, i)));
    await eventually(
      async () => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM wallet.known_users WHERE user_id = ANY($1::uuid[])`, [users.map((u) => u.id)])).rows[0]?.n,
      (n) => n === USERS,
      { timeoutMs: 60_000, what: 'wallet to know the users' },
    );
    const feeds = users.map((u) => new ResumableFeed(url, u.token));
    await Promise.all(feeds.map((f) => f.started()));
    // Each feed's first subscription has no cursor: the deposits wait until it is active on a gateway.
    await eventually(livePaymentSubscriptions, (n) => n === USERS, { timeoutMs: 60_000, what: 'every feed subscribed on a gateway' });
    const acks: AckedLog = { transactions: [], tasks: [] };
    await Promise.all(users.map((u) => deposit(url, u, OPENING, acks)));
    // Every feed holds a cursor (its deposit's) before anything is killed: a resubscription
    // without one could not ask for what it missed.
    for (const [i, feed] of feeds.entries()) {
      const depositId = acks.transactions.find((t) => t.users.includes(users[i]?.id ?? ''))?.id ?? '';
      await eventually(async () => feed.ids().has(depositId), (has) => has, { timeoutMs: 60_000, what: `user ${i}'s deposit on its feed` });
    }

    const done = { count: 0 };
    const faultLog: string[] = [];
    await Promise.all([workload(users, acks, done), faults(() => done.count, faultLog)]);
    expect(faultLog).toEqual(['nats-1 killed', 'gateway-1 killed', 'wallet-1 killed', 'replica killed', 'all back']);

    // Nothing acknowledged to a client is lost.
    expect(await missingTransfers(pool, acks.transactions.map((t) => t.id))).toEqual([]);
    expect(acks.tasks).toHaveLength(SAGAS);
    // No event lost: published once, consumed by every durable consumer, none dead-lettered.
    await waitForEventsSettled(pool, cluster.natsUrl);
    // The invariants hold.
    expect(await moneyViolations(pool)).toEqual({ unbalancedCurrencies: [], negativeBalances: [], drift: [], escrowsNotResolvedOnce: [] });

    // Subscriptions resumed: each user's feed holds every acknowledged transaction of theirs,
    // including those made while its socket was being moved to the surviving gateway.
    expect(feeds.reduce((n, f) => n + f.resumes, 0)).toBeGreaterThan(0);
    for (const [i, user] of users.entries()) {
      const want = acks.transactions.filter((t) => t.users.includes(user.id)).map((t) => t.id);
      const feed = feeds[i] as ResumableFeed;
      await eventually(async () => want.filter((id) => !feed.ids().has(id)), (missing) => missing.length === 0, { timeoutMs: 60_000, what: `user ${i}'s feed to hold every transaction` });
    }
    await Promise.all(feeds.map((f) => f.stop()));
    const resumes = feeds.map((f) => f.resumes).join('/');
    const failedPayloads = feeds.reduce((n, f) => n + f.failedPayloads, 0);
    process.stdout.write(`cluster faults: ${acks.transactions.length} transactions, ${acks.tasks.length} sagas, ${inTransit.failures} attempts failed in transit and were retried, subscriptions resumed ${resumes}, ${failedPayloads} live payloads failed\n`);

    // The replica caught up after its restart, and the listing it serves shows every saga's task.
    await eventually(() => cluster.postgres.replicaLagBytes(), (lag) => lag === 0, { timeoutMs: 60_000, what: 'the replica to catch up' });
    for (const task of acks.tasks) {
      const listed = await acked<{ tasks: { edges: { node: { id: string } }[] } }>(url, `query($f: TaskFilter) { tasks(first: 50, filter: $f) { edges { node { id } } } }`, { f: { posterId: task.poster } });
      expect(listed.tasks.edges.map((e) => e.node.id)).toContain(task.id);
    }
  });
});
