/**
 * bench/subscriptions — live `bidEvents` through the gateway: S subscribers of one task (the
 * poster, over S WebSockets from this process), event-to-delivery latency, subgraph requests
 * per event (must not grow with S), and the gateway's resident memory with idle subscriptions.
 *
 *   npm run bench:subscriptions [-- --sizes 1,1000,5000 --events 20 --idle 10000 --per-socket 1]
 *
 * Starts its own stack (fresh database, free ports, own NATS namespace). Each event is an
 * updateBid by one of the taskers, fired only after every subscriber received the one before.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { DRIVEN_STACK_LIMITS, launchStack, waitFor } from '@sx/stack';
import { createFreshDatabase, deleteStreams, dropDatabase, wsUrlOf } from '@sx/testkit';
import { benchClient, type BenchUser } from './bench-client.js';
import { openLiveSockets, type Delivery } from './live-sockets.js';
import { metricsText, requestsForOperation, residentKb, sampleSum } from './process-metrics.js';
import { percentile, printTable } from './report.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,1000,5000' },
    events: { type: 'string', default: '20' },
    idle: { type: 'string', default: '10000' },
    'per-socket': { type: 'string', default: '1' },
    taskers: { type: 'string', default: '5' },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const EVENTS = Number(values.events);
const IDLE = Number(values.idle);
const PER_SOCKET = Number(values['per-socket']);
const TASKERS = Number(values.taskers);
const SUBGRAPHS = ['bids', 'users', 'reviews', 'tasks', 'wallet'] as const;
const DELIVERY_TIMEOUT_MS = 60_000;
const run = Date.now().toString(36);

interface Session {
  token: string;
  refreshToken: string;
}
interface FiredEvent {
  sentAt: number;
  respondedAt: number;
  received: number[];
  expected: number;
  done: () => void;
}
interface PhaseResult {
  size: number;
  sockets: number;
  subscribePerSecond: number;
  afterSend: number[];
  afterResponse: number[];
  lastPerEvent: number[];
  roundTrips: number[];
  delivered: number;
  expected: number;
  requestsPerEvent: Record<string, number>;
  hydrationsPerEvent: number;
  problems: string[];
}

const databaseUrl = await createFreshDatabase('sx_bench_subs');
const namespace = `benchsubs${run}`;
const loadAtStart = os.loadavg();
const stack = await launchStack({ databaseUrl, randomPorts: true, output: 'quiet', env: { LOG_LEVEL: 'error', EVENTS_NAMESPACE: namespace }, serviceEnv: DRIVEN_STACK_LIMITS });
const gatewayProcess = stack.processes.get('gateway');
if (gatewayProcess?.child.pid === undefined) throw new Error('the stack has no gateway process');
const gateway = gatewayProcess;
// launchStack spawns node itself (no shell), so the child's pid is the gateway's.
const gatewayPid = gatewayProcess.child.pid;
const api = benchClient(stack.gatewayUrl);
const baseOf = (name: string) => stack.processes.get(name)?.baseUrl ?? '';

const AUTH = 'token: accessToken refreshToken';
async function signUpPoster(): Promise<Session> {
  const input = { email: `subs.poster.${run}@example.test`, password: 'bench password 123', name: 'Bench Poster', roles: ['POSTER'] };
  const data = await api.ok<{ signUp: Session }>(`mutation($input: SignUpInput!) { signUp(input: $input) { ${AUTH} } }`, { input });
  return data.signUp;
}
/** Access tokens live 15 minutes and the gateway closes sockets when they expire: each phase gets a fresh one. */
async function refresh(session: Session): Promise<Session> {
  const data = await api.ok<{ refreshSession: Session }>(`mutation($t: String!) { refreshSession(refreshToken: $t) { ${AUTH} } }`, { t: session.refreshToken });
  return data.refreshSession;
}

async function placeBid(tasker: BenchUser, taskId: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await api.call<{ placeBid: { id: string } }>(
      `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
      { input: { taskId, amount: { amount: 4_000, currency: 'USD' }, message: 'bench' } },
      tasker.token,
    );
    if (res.data?.placeBid.id) return res.data.placeBid.id;
    // Bidding learns of the task from its event; until then it answers TASK_NOT_YET_KNOWN.
    if (res.errors?.[0]?.extensions?.reason !== 'TASK_NOT_YET_KNOWN' || Date.now() > deadline) throw new Error(JSON.stringify(res.errors));
    await new Promise((r) => setTimeout(r, 50));
  }
}

const liveCount = async () => sampleSum(await metricsText(gateway.baseUrl, stack.secrets.metricsToken), 'sx_live_subscriptions', { field: 'bidEvents' });
const untilLive = (n: number, timeoutMs: number) => waitFor(async () => (await liveCount()) === n, `${n} bidEvents subscriptions`, timeoutMs, 200);

// Events in flight, by the bid amount that identifies them (each event sets a new amount).
const inFlight = new Map<number, FiredEvent>();
let nextAmount = 5_000;
let strayDeliveries = 0;
let payloadErrors = 0;
function onNext({ receivedAt, payload }: Delivery): void {
  const result = payload as { data?: { bidEvents?: { bid?: { amount?: { amount?: number } } } }; errors?: unknown[] };
  if (result.errors?.length) payloadErrors++;
  const amount = result.data?.bidEvents?.bid?.amount?.amount;
  const event = amount === undefined ? undefined : inFlight.get(amount);
  if (!event) return void strayDeliveries++;
  event.received.push(receivedAt);
  if (event.received.length === event.expected) event.done();
}

/** One updateBid; resolves once all `expected` subscribers received it, or the timeout passed. */
async function fireEvent(tasker: BenchUser, bidId: string, expected: number): Promise<FiredEvent> {
  const amount = nextAmount++;
  let done: () => void = () => undefined;
  const allReceived = new Promise<void>((resolve) => (done = resolve));
  const event: FiredEvent = { sentAt: performance.now(), respondedAt: 0, received: [], expected, done };
  inFlight.set(amount, event);
  await api.ok(`mutation($id: ID!, $input: UpdateBidInput!) { updateBid(id: $id, input: $input) { id } }`, { id: bidId, input: { amount: { amount, currency: 'USD' } } }, tasker.token);
  event.respondedAt = performance.now();
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, DELIVERY_TIMEOUT_MS).unref());
  await Promise.race([allReceived, timeout]);
  inFlight.delete(amount);
  return event;
}

async function subgraphRequests(operation: string): Promise<Record<string, number>> {
  const texts = await Promise.all(SUBGRAPHS.map((s) => metricsText(baseOf(s), stack.secrets.metricsToken)));
  return Object.fromEntries(SUBGRAPHS.map((s, i) => [s, requestsForOperation(texts[i] ?? '', operation)]));
}
const hydrations = async () => sampleSum(await metricsText(gateway.baseUrl, stack.secrets.metricsToken), 'sx_live_hydrations_total', { field: 'bidEvents' });

function subscription(operationName: string): string {
  return `subscription ${operationName}($taskId: ID!) { bidEvents(taskId: $taskId) { kind cursor bid { amount { amount } tasker { name rating { average } } } } }`;
}

function layoutOf(size: number): { sockets: number; perSocket: number } {
  const perSocket = Math.min(PER_SOCKET, size);
  if (size % perSocket !== 0) throw new Error(`${size} subscriptions do not split into sockets of ${perSocket}`);
  return { sockets: size / perSocket, perSocket };
}

async function openSubscribers(session: Session, taskId: string, size: number, operationName: string) {
  const started = performance.now();
  const sockets = await openLiveSockets({
    url: wsUrlOf(stack.gatewayUrl),
    token: session.token,
    ...layoutOf(size),
    query: subscription(operationName),
    variables: { taskId },
    operationName,
    onNext,
  });
  await untilLive(size, 180_000);
  return { sockets, subscribePerSecond: size / ((performance.now() - started) / 1000) };
}

async function latencyPhase(session: Session, taskId: string, taskers: BenchUser[], bidIds: string[], size: number): Promise<PhaseResult> {
  const clientName = `BenchBidEvents_${run}_s${size}`;
  const { sockets, subscribePerSecond } = await openSubscribers(session, taskId, size, clientName);
  try {
    const fire = (i: number) => fireEvent(taskers[i % taskers.length] as BenchUser, bidIds[i % bidIds.length] as string, size);
    await fire(0); // warm-up: the gateway plans the new payload query once
    const before = { requests: await subgraphRequests(`SxLive_${clientName}`), hydrations: await hydrations() };
    const events: FiredEvent[] = [];
    for (let i = 1; i <= EVENTS; i++) events.push(await fire(i));
    const after = { requests: await subgraphRequests(`SxLive_${clientName}`), hydrations: await hydrations() };
    const afterSend = events.flatMap((e) => e.received.map((t) => t - e.sentAt)).sort((a, b) => a - b);
    const afterResponse = events.flatMap((e) => e.received.map((t) => t - e.respondedAt)).sort((a, b) => a - b);
    return {
      size,
      sockets: sockets.sockets,
      subscribePerSecond,
      afterSend,
      afterResponse,
      lastPerEvent: events.map((e) => Math.max(...e.received) - e.sentAt).sort((a, b) => a - b),
      roundTrips: events.map((e) => e.respondedAt - e.sentAt).sort((a, b) => a - b),
      delivered: afterSend.length,
      expected: EVENTS * size,
      requestsPerEvent: Object.fromEntries(SUBGRAPHS.map((s) => [s, ((after.requests[s] ?? 0) - (before.requests[s] ?? 0)) / EVENTS])),
      hydrationsPerEvent: (after.hydrations - before.hydrations) / EVENTS,
      problems: sockets.problems,
    };
  } finally {
    await sockets.closeAll();
    await untilLive(0, 60_000);
  }
}

/** Resident memory with no subscription, then with `IDLE` open and idle ones. */
async function memoryPhase(session: Session, taskId: string) {
  const idleKb = await residentKb(gatewayPid);
  const idleHeap = sampleSum(await metricsText(gateway.baseUrl, stack.secrets.metricsToken), 'nodejs_heap_size_used_bytes');
  const { sockets, subscribePerSecond } = await openSubscribers(session, taskId, IDLE, `BenchIdle_${run}`);
  try {
    // Let the opening's garbage be collected before reading (a bench, not a test: a fixed wait).
    await new Promise((r) => setTimeout(r, 5_000));
    const withKb = await residentKb(gatewayPid);
    const withHeap = sampleSum(await metricsText(gateway.baseUrl, stack.secrets.metricsToken), 'nodejs_heap_size_used_bytes');
    return { idleKb, withKb, idleHeap, withHeap, sockets: sockets.sockets, subscribePerSecond, problems: sockets.problems };
  } finally {
    await sockets.closeAll();
    await untilLive(0, 60_000);
  }
}

const ms = (v: number) => v.toFixed(1);
const dist = (sorted: number[]) => `${ms(percentile(sorted, 0.5))} / ${ms(percentile(sorted, 0.99))} / ${ms(sorted.at(-1) ?? Number.NaN)}`;
const perEvent = (r: PhaseResult) => SUBGRAPHS.map((s) => `${s} ${r.requestsPerEvent[s]}`).join(', ');
const totalPerEvent = (r: PhaseResult) => SUBGRAPHS.reduce((n, s) => n + (r.requestsPerEvent[s] ?? 0), 0);

try {
  let session = await signUpPoster();
  const taskers = await api.signUpMany(TASKERS);
  const task = await api.ok<{ postTask: { id: string } }>(
    `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
    { input: { title: 'Bench live task', category: 'OTHER', budget: { amount: 10_000, currency: 'USD' } } },
    session.token,
  );
  const taskId = task.postTask.id;
  const bidIds = await Promise.all(taskers.map((t) => placeBid(t, taskId)));

  session = await refresh(session);
  const memory = await memoryPhase(session, taskId);
  const phases: PhaseResult[] = [];
  for (const size of SIZES) {
    session = await refresh(session);
    phases.push(await latencyPhase(session, taskId, taskers, bidIds, size));
  }
  const loadAtEnd = os.loadavg();

  const rows: [string, string][] = [
    ['machine', `${os.cpus().length} cores; load average 1/5/15 min at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}, at end ${loadAtEnd.map((l) => l.toFixed(2)).join(' ')}`],
    ['layout', `${PER_SOCKET} subscription(s) per WebSocket, raw ws + graphql-transport-ws, all in this one client process, all as the task's poster`],
    ['events per size (after one warm-up event)', `${EVENTS} updateBid, one at a time, next sent once every subscriber got the last`],
  ];
  for (const r of phases) {
    const s = `S=${r.size}`;
    rows.push(
      [`${s}: sockets, subscriptions opened per second`, `${r.sockets}, ${r.subscribePerSecond.toFixed(0)}/s`],
      [`${s}: delivered / expected`, `${r.delivered} / ${r.expected}`],
      [`${s}: mutation sent → delivery p50 / p99 / max (ms)`, dist(r.afterSend)],
      [`${s}: mutation answered → delivery p50 / p99 / max (ms)`, dist(r.afterResponse)],
      [`${s}: mutation sent → LAST subscriber p50 / max (ms)`, `${ms(percentile(r.lastPerEvent, 0.5))} / ${ms(r.lastPerEvent.at(-1) ?? Number.NaN)}`],
      [`${s}: updateBid round trip p50 (ms)`, ms(percentile(r.roundTrips, 0.5))],
      [`${s}: subgraph requests per event`, `${perEvent(r)} (total ${totalPerEvent(r)})`],
      [`${s}: gateway payload queries (hydrations) per event`, String(r.hydrationsPerEvent)],
    );
    if (r.problems.length) rows.push([`${s}: socket problems`, `${r.problems.length}, first: ${r.problems[0]}`]);
  }
  const first = phases[0];
  const last = phases.at(-1);
  if (first && last && first !== last) {
    rows.push(
      [`ratio subgraph requests per event S=${last.size} / S=${first.size}`, (totalPerEvent(last) / totalPerEvent(first)).toFixed(2)],
      [`ratio LAST-subscriber p50 S=${last.size} / S=${first.size}`, (percentile(last.lastPerEvent, 0.5) / percentile(first.lastPerEvent, 0.5)).toFixed(1)],
    );
  }
  rows.push(
    ['gateway RSS idle, no subscription (MB)', (memory.idleKb / 1024).toFixed(1)],
    [`gateway RSS with ${IDLE} idle subscriptions on ${memory.sockets} sockets (MB)`, (memory.withKb / 1024).toFixed(1)],
    ['  RSS per subscription (KB)', ((memory.withKb - memory.idleKb) / IDLE).toFixed(1)],
    ['  JS heap used idle → with (MB)', `${(memory.idleHeap / 2 ** 20).toFixed(1)} → ${(memory.withHeap / 2 ** 20).toFixed(1)}`],
    ['  heap per subscription (KB)', ((memory.withHeap - memory.idleHeap) / 1024 / IDLE).toFixed(1)],
    [`  subscriptions opened per second (${IDLE})`, memory.subscribePerSecond.toFixed(0)],
    ['deliveries matching no event in flight (late or stray; should be 0)', String(strayDeliveries)],
    ['payloads with errors (should be 0)', String(payloadErrors)],
    ['command', `npm run bench:subscriptions -- --sizes ${values.sizes} --events ${EVENTS} --idle ${IDLE} --per-socket ${PER_SOCKET}`],
  );
  if (memory.problems.length) rows.push(['idle sockets: problems', `${memory.problems.length}, first: ${memory.problems[0]}`]);
  printTable('bench/subscriptions', rows);
  if (phases.some((r) => r.delivered !== r.expected)) process.exitCode = 1;
} finally {
  await stack.stop();
  await dropDatabase(databaseUrl);
  await deleteStreams(namespace);
}
