/**
 * bench/live-mixed — live subscriptions as a busy marketplace has them: N users each on their own
 * `paymentEvents`, and N other users watching one public task's `taskEvents`; then bursts of
 * RATE events/s for SECONDS s, written to the subgraphs' outboxes (the path every real event
 * takes: outbox → relay → JetStream → gateway → hydration by the owning subgraph → sockets).
 * Reports delivery p50/p99, dropped deliveries (must be 0), subgraph requests per event, and the
 * gateway's CPU and RSS (also per idle subscription).
 *
 *   npm run bench:live [-- --users 1000 --watchers 1000 --rate 200 --seconds 10 --task-share 0.05 --receivers 2]
 *   npm run bench:live -- --idle-only [--heap-snapshots DIR]   (memory of idle subscriptions only)
 *
 * `--heap-snapshots DIR` starts the gateway with `--heapsnapshot-signal=SIGUSR2` and writes a heap
 * snapshot before and after the idle subscriptions open (compare them in Chrome DevTools).
 * `--cpu-profile DIR` writes the gateway's `node --cpu-prof` profile (bench/profile-summary.ts reads it).
 */
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DRIVEN_STACK_LIMITS, freePort, launchStack, waitFor } from '@sx/stack';
import { createFreshDatabase, deleteStreams, dropDatabase } from '@sx/testkit';
import { percentile, printTable } from './report.js';
import { metricsText, residentKb, sampleSum } from './process-metrics.js';
import { machineLine, writeResultsSection } from './results-file.js';
import { cpuMs } from './gateway/processes.js';
import { cpuMark, formatMachineCpu, machineCpuSince } from './machine-cpu.js';
import { benchSecrets } from './gateway/viewer.js';
import { openForkedSubscribers, type ForkedSubscribers } from './live-mixed/forked-subscribers.js';
import { memoryOf, memoryShift, perSubscription, warmUp } from './live-mixed/idle.js';
import { snapshotDir, takeSnapshot } from './live-mixed/snapshots.js';
import { seedLiveData, sendBursts, type LiveData, type SentEvent } from './live-mixed/events.js';
import { latencyBreakdown } from './live-mixed/breakdown.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    watchers: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    'task-share': { type: 'string', default: '0.05' },
    'idle-only': { type: 'boolean', default: false },
    'heap-snapshots': { type: 'string' },
    'cpu-profile': { type: 'string' },
    /** Processes the subscriber sockets are spread over (forked-subscribers.ts). */
    receivers: { type: 'string', default: '2' },
  },
});
const USERS = Number(values.users);
const WATCHERS = Number(values.watchers);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const TASK_SHARE = Number(values['task-share']);
const RECEIVERS = Number(values.receivers);
const DELIVERY_TIMEOUT_MS = 60_000;

const subgraphRequests = async (urls: string[]) =>
  (await Promise.all(urls.map(async (url) => sampleSum(await metricsText(url), 'sx_graphql_requests_by_operation_total')))).reduce((a, b) => a + b, 0);

/** Waits until every delivery the sent events call for has arrived, or the deadline passes. */
async function deliveries(subscribers: ForkedSubscribers, sent: readonly SentEvent[]) {
  const expected = sent.reduce((sum, e) => sum + e.expected, 0);
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  while (subscribers.received() < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const collected = await subscribers.collect();
  const latencies: number[] = [];
  for (const event of sent) for (const at of collected.arrivals(event.id)) latencies.push(at - event.sentAt);
  return { ...collected, latencies: latencies.sort((a, b) => a - b), expected };
}

/** The bursts of events, their deliveries and the report (bench:live without --idle-only). */
async function burstsAndReport(ctx: {
  pid: number;
  subgraphUrls: string[];
  live: LiveData;
  subscribers: ForkedSubscribers;
  idleRows: [string, string][];
  rssBeforeKb: number;
  rssIdleKb: number;
  databaseUrl: string;
}): Promise<void> {
  const { pid, subgraphUrls, live, subscribers, idleRows, rssBeforeKb, rssIdleKb, databaseUrl } = ctx;
  const [cpuBefore, requestsBefore] = [await cpuMs(pid), await subgraphRequests(subgraphUrls)];
  // The bench's own event loop receives every delivery: a late loop is a late timestamp, not a late gateway.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const machineBefore = cpuMark();
  const sent = await sendBursts(live, { users: USERS, watchers: WATCHERS, rate: RATE, seconds: SECONDS, taskShare: TASK_SHARE });
  const { latencies, expected, arrivals, problems, loopDelayP99Ms, loopDelayMaxMs } = await deliveries(subscribers, sent);
  loopDelay.disable();
  const machine = machineCpuSince(machineBefore, latencies.length);
  const [cpuAfter, requestsAfter, rssBusyKb] = [await cpuMs(pid), await subgraphRequests(subgraphUrls), await residentKb(pid)];
  await subscribers.close();

  const taskEvents = sent.filter((e) => e.kind === 'task').length;
  const rows: [string, string][] = [
    ['subscriptions (paymentEvents of distinct users + watchers of one task)', `${USERS} + ${WATCHERS}`],
    [`events sent (${RATE}/s for ${SECONDS} s; ${taskEvents} task events to ${WATCHERS} watchers each)`, String(sent.length)],
    ['deliveries expected / received', `${expected} / ${latencies.length}`],
    ['dropped deliveries (must be 0)', String(expected - latencies.length)],
    ['delivery p50 / p99 / max (ms, event committed → payload received)', `${percentile(latencies, 0.5).toFixed(0)} / ${percentile(latencies, 0.99).toFixed(0)} / ${(latencies[latencies.length - 1] ?? NaN).toFixed(0)}`],
    ...latencyBreakdown(sent, arrivals),
    [`event-loop delay p99 / max (ms): receivers (${RECEIVERS} processes, worst), event writer`, `${loopDelayP99Ms.toFixed(0)} / ${loopDelayMaxMs.toFixed(0)}, ${(loopDelay.percentile(99) / 1e6).toFixed(0)} / ${(loopDelay.max / 1e6).toFixed(0)}`],
    ['subgraph requests per event', ((requestsAfter - requestsBefore) / Math.max(1, sent.length)).toFixed(2)],
    ['gateway CPU during the bursts (ms per event, cores)', `${((cpuAfter - cpuBefore) / Math.max(1, sent.length)).toFixed(2)}, ${((cpuAfter - cpuBefore) / (SECONDS * 1000)).toFixed(2)}`],
    // Busy near 100 % means the receivers, the gateway and the writer queue for the cores: the tail is CPU wait.
    [`the machine's CPU from the first event to the last delivery (${machine.cores} cores, every process: gateway, subgraphs, Postgres, NATS, receivers)`, formatMachineCpu(machine, 'delivery')],
    ['gateway RSS: before / idle subscriptions / after the bursts (MB)', `${(rssBeforeKb / 1024).toFixed(0)} / ${(rssIdleKb / 1024).toFixed(0)} / ${(rssBusyKb / 1024).toFixed(0)}`],
    ...idleRows.slice(1),
    ['subscriber problems (errors, closes)', String(problems.length)],
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
}

const databaseUrl = await createFreshDatabase('sx_bench_live');
const namespace = `benchlive${Date.now().toString(36)}`;
const snapshots = values['heap-snapshots'] ? snapshotDir(values['heap-snapshots']) : null;
// Memory is read after full collections, asked through the gateway's inspector (inspector-gc.ts).
const inspectPort = await freePort();
const profileDir = values['cpu-profile'] ? snapshotDir(values['cpu-profile']) : null;
const gatewayNodeOptions = [
  `--inspect=127.0.0.1:${inspectPort}`,
  ...(snapshots ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshots}`] : []),
  ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
];
const stack = await launchStack({
  databaseUrl,
  randomPorts: true,
  output: 'quiet',
  // A loaded machine starts eleven processes slowly.
  readyTimeoutMs: Number(process.env.STACK_READY_TIMEOUT_MS ?? 300_000),
  env: { EVENTS_NAMESPACE: namespace, NODE_ENV: 'production', ...benchSecrets() },
  // One machine drives every socket, from one address: the per-address limits are lifted.
  serviceEnv: {
    ...DRIVEN_STACK_LIMITS,
    gateway: { ...DRIVEN_STACK_LIMITS['gateway'], NODE_OPTIONS: gatewayNodeOptions.join(' ') },
  },
});
try {
  const gateway = stack.processes.get('gateway');
  if (!gateway?.child.pid) throw new Error('no gateway');
  const pid = gateway.child.pid;
  gateway.child.once('exit', (code, signal) => process.stderr.write(`the gateway exited (${code ?? signal}):\n${gateway.tail()}\n`));
  const subgraphUrls = [...stack.processes.values()].filter((p) => p.name !== 'gateway').map((p) => p.baseUrl);
  const live = await seedLiveData(databaseUrl, USERS + WATCHERS);
  const wsUrl = stack.gatewayUrl.replace(/^http/, 'ws');
  await warmUp({ url: wsUrl, taskId: live.taskId, tokenOf: live.tokenOf, users: USERS + WATCHERS });
  if (snapshots) await takeSnapshot(pid, snapshots);
  const memBefore = await memoryOf(pid, gateway.baseUrl, inspectPort);
  const subscribers = await openForkedSubscribers({ url: wsUrl, users: USERS, watchers: WATCHERS, taskId: live.taskId, tokenOf: live.tokenOf, processes: RECEIVERS });
  const liveCount = async () => sampleSum(await metricsText(gateway.baseUrl), 'sx_live_subscriptions');
  await waitFor(async () => (await liveCount()) >= USERS + WATCHERS, 'every subscription registered', 120_000, 250);
  const memIdle = await memoryOf(pid, gateway.baseUrl, inspectPort);
  if (snapshots) await takeSnapshot(pid, snapshots);
  const idle = perSubscription(memBefore, memIdle, USERS + WATCHERS);
  const [rssBeforeKb, rssIdleKb] = [memBefore.rssKb, memIdle.rssKb];
  const idleRows: [string, string][] = [
    ['gateway RSS: before / with the idle subscriptions (MB)', `${(rssBeforeKb / 1024).toFixed(0)} / ${(rssIdleKb / 1024).toFixed(0)}`],
    ['RSS per idle subscription (KB, goal ≤ 10)', idle.rssKb.toFixed(1)],
    ['V8 heap in use per idle subscription (KB)', idle.heapKb.toFixed(1)],
    ['V8 heap total, young generation, external: before → idle (MB)', memoryShift(memBefore, memIdle)],
  ];
  if (values['idle-only']) {
    await subscribers.close();
    printTable('bench/live-mixed --idle-only', [...idleRows, ['subscriptions', `${USERS} + ${WATCHERS}`], ['machine load average (1 min)', os.loadavg()[0]?.toFixed(1) ?? '?']]);

    await live.close();
  } else {
    await burstsAndReport({ pid, subgraphUrls, live, subscribers, idleRows, rssBeforeKb, rssIdleKb, databaseUrl });
  }
} finally {
  await stack.stop();
  await dropDatabase(databaseUrl);
  await deleteStreams(namespace);
}
