/**
 * bench/live-mixed — live subscriptions as a busy marketplace has them: N users each on their own
 * `paymentEvents`, and N other users watching one public task's `taskEvents`; then bursts of
 * RATE events/s for SECONDS s, written to the subgraphs' outboxes (the path every real event
 * takes: outbox → relay → JetStream → gateway → hydration by the owning subgraph → sockets).
 * Reports delivery p50/p99, dropped deliveries (must be 0), subgraph requests per event, and the
 * gateway's CPU and RSS (also per idle subscription).
 *
 *   npm run bench:live [-- --users 1000 --watchers 1000 --rate 200 --seconds 10 --task-share 0.05]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { launchStack, waitFor } from '@sx/stack';
import { createFreshDatabase, deleteStreams, dropDatabase } from '@sx/testkit';
import { percentile, printTable } from './report.js';
import { metricsText, residentKb, sampleSum } from './process-metrics.js';
import { machineLine, writeResultsSection } from './results-file.js';
import { cpuMs } from './gateway/processes.js';
import { benchSecrets } from './gateway/viewer.js';
import { openSubscribers, type Subscribers } from './live-mixed/subscribers.js';
import { seedLiveData, sendBursts, type SentEvent } from './live-mixed/events.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    watchers: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    'task-share': { type: 'string', default: '0.05' },
  },
});
const USERS = Number(values.users);
const WATCHERS = Number(values.watchers);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const TASK_SHARE = Number(values['task-share']);
const DELIVERY_TIMEOUT_MS = 60_000;

const subgraphRequests = async (urls: string[]) =>
  (await Promise.all(urls.map(async (url) => sampleSum(await metricsText(url), 'sx_graphql_requests_by_operation_total')))).reduce((a, b) => a + b, 0);

/** Waits until every delivery the sent events call for has arrived, or the deadline passes. */
async function deliveries(subscribers: Subscribers, sent: readonly SentEvent[]): Promise<{ latencies: number[]; expected: number }> {
  const expected = sent.reduce((sum, e) => sum + e.expected, 0);
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  while (subscribers.received() < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const latencies: number[] = [];
  for (const event of sent) for (const at of subscribers.arrivals(event.id)) latencies.push(at - event.sentAt);
  return { latencies: latencies.sort((a, b) => a - b), expected };
}

const databaseUrl = await createFreshDatabase('sx_bench_live');
const namespace = `benchlive${Date.now().toString(36)}`;
const stack = await launchStack({ databaseUrl, randomPorts: true, output: 'quiet', env: { EVENTS_NAMESPACE: namespace, NODE_ENV: 'production', ...benchSecrets() } });
try {
  const gateway = stack.processes.get('gateway');
  if (!gateway?.child.pid) throw new Error('no gateway');
  const pid = gateway.child.pid;
  const subgraphUrls = [...stack.processes.values()].filter((p) => p.name !== 'gateway').map((p) => p.baseUrl);
  const live = await seedLiveData(databaseUrl, USERS + WATCHERS);
  const rssBeforeKb = await residentKb(pid);
  const subscribers = await openSubscribers({ url: stack.gatewayUrl.replace(/^http/, 'ws'), users: USERS, watchers: WATCHERS, taskId: live.taskId, tokenOf: live.tokenOf });
  const liveCount = async () => sampleSum(await metricsText(gateway.baseUrl), 'sx_live_subscriptions');
  await waitFor(async () => (await liveCount()) >= USERS + WATCHERS, 'every subscription registered', 120_000, 250);
  const rssIdleKb = await residentKb(pid);

  const [cpuBefore, requestsBefore] = [await cpuMs(pid), await subgraphRequests(subgraphUrls)];
  const sent = await sendBursts(live, { users: USERS, watchers: WATCHERS, rate: RATE, seconds: SECONDS, taskShare: TASK_SHARE });
  const { latencies, expected } = await deliveries(subscribers, sent);
  const [cpuAfter, requestsAfter, rssBusyKb] = [await cpuMs(pid), await subgraphRequests(subgraphUrls), await residentKb(pid)];
  await subscribers.close();

  const taskEvents = sent.filter((e) => e.kind === 'task').length;
  const rows: [string, string][] = [
    ['subscriptions (paymentEvents of distinct users + watchers of one task)', `${USERS} + ${WATCHERS}`],
    [`events sent (${RATE}/s for ${SECONDS} s; ${taskEvents} task events to ${WATCHERS} watchers each)`, String(sent.length)],
    ['deliveries expected / received', `${expected} / ${latencies.length}`],
    ['dropped deliveries (must be 0)', String(expected - latencies.length)],
    ['delivery p50 / p99 / max (ms, event committed → payload received)', `${percentile(latencies, 0.5).toFixed(0)} / ${percentile(latencies, 0.99).toFixed(0)} / ${(latencies[latencies.length - 1] ?? NaN).toFixed(0)}`],
    ['subgraph requests per event', ((requestsAfter - requestsBefore) / Math.max(1, sent.length)).toFixed(2)],
    ['gateway CPU during the bursts (ms per event, cores)', `${((cpuAfter - cpuBefore) / Math.max(1, sent.length)).toFixed(2)}, ${((cpuAfter - cpuBefore) / (SECONDS * 1000)).toFixed(2)}`],
    ['gateway RSS: before / idle subscriptions / after the bursts (MB)', `${(rssBeforeKb / 1024).toFixed(0)} / ${(rssIdleKb / 1024).toFixed(0)} / ${(rssBusyKb / 1024).toFixed(0)}`],
    ['RSS per idle subscription (KB, goal ≤ 10)', ((rssIdleKb - rssBeforeKb) / (USERS + WATCHERS)).toFixed(1)],
    ['subscriber problems (errors, closes)', String(subscribers.problems().length)],
    ['machine load average (1 min) at the end', os.loadavg()[0]?.toFixed(1) ?? '?'],
  ];
  printTable('bench/live-mixed', rows);
  const pg = await import('pg');
  const pool = new pg.default.Pool({ connectionString: databaseUrl, max: 1 });
  const version = (await pool.query<{ v: string }>(`SELECT split_part(version(), ' ', 1) || ' ' || split_part(version(), ' ', 2) AS v`)).rows[0]?.v ?? '';
  await pool.end();
  writeResultsSection(
    'live-mixed',
    ['## Live subscriptions, realistic mix (`npm run bench:live`)', '', machineLine(version), '', '| figure | value |', '| --- | ---: |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n'),
  );
  if (expected !== latencies.length) process.exitCode = 1;
} finally {
  await stack.stop();
  await dropDatabase(databaseUrl);
  await deleteStreams(namespace);
}
