import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DRIVEN_STACK_LIMITS, launchStack, startMailCatcher, type MailCatcher, type RunningStack } from '@sx/stack';
import { createFreshDatabase, deleteStreams, dropDatabase, eventually, gql, gqlOk, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@sx/testkit';

// A stack of this file's own (own database, streams and mail catcher), every process exporting
// its spans over OTLP/HTTP to a receiver in this test, every request sampled.
let stack: RunningStack;
let receiver: OtlpReceiver;
let mail: MailCatcher;
let databaseUrl: string;
const namespace = `tt${randomUUID().slice(0, 8)}`;

const SPAN_KIND = { server: 2, client: 3, producer: 4, consumer: 5 };

async function signUp(name: string): Promise<{ id: string; token: string }> {
  const data = await gqlOk<{ signUp: { accessToken: string; user: { id: string } } }>(
    'mutation SignUp($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }',
    { input: { email: `${randomUUID()}@example.test`, password: 'correct horse battery staple', name, roles: ['POSTER', 'TASKER'] } },
    { url: stack.gatewayUrl },
  );
  return { id: data.signUp.user.id, token: data.signUp.accessToken };
}

/** Retries a write while the saga's replicas have not heard of what it names yet (CONFLICT, retryable). */
async function untilAccepted<T>(what: string, run: () => ReturnType<typeof gql<T>>): Promise<T> {
  const res = await eventually(run, (r) => !r.errors, { what, timeoutMs: 60_000, intervalMs: 200 });
  return res.data as T;
}

beforeAll(async () => {
  [receiver, mail, databaseUrl] = await Promise.all([startOtlpReceiver(), startMailCatcher(), createFreshDatabase()]);
  stack = await launchStack({
    databaseUrl,
    randomPorts: true,
    output: 'quiet',
    env: {
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      EVENTS_NAMESPACE: namespace,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    },
    serviceEnv: { ...DRIVEN_STACK_LIMITS, notifications: { SMTP_URL: mail.smtpUrl } },
    readyTimeoutMs: 180_000,
  });
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  await Promise.all([receiver?.close(), mail?.stop()]);
  if (databaseUrl) await dropDatabase(databaseUrl);
  await deleteStreams(namespace);
});

describe('tracing across the gateway, subgraphs and events', () => {
  it('makes one acceptBid one trace: the request, subgraph fetches, SQL, outbox, relay and every saga step', async () => {
    const url = stack.gatewayUrl;
    const poster = await signUp('Trace Poster');
    const tasker = await signUp('Trace Tasker');
    await gqlOk('mutation Deposit($input: DepositInput!) { deposit(input: $input) { wallet { balance { amount } } } }', { input: { amount: { amount: 5_000, currency: 'USD' }, idempotencyKey: randomUUID() } }, { url, token: poster.token });
    const task = await gqlOk<{ postTask: { id: string } }>(
      'mutation PostTask($input: PostTaskInput!) { postTask(input: $input) { id } }',
      { input: { title: 'Trace the fence', description: 'Paint it white.', category: 'GARDENING', budget: { amount: 3_000, currency: 'USD' } } },
      { url, token: poster.token },
    );
    const bid = await untilAccepted<{ placeBid: { id: string } }>('bids to know the task', () =>
      gql('mutation PlaceBid($input: PlaceBidInput!) { placeBid(input: $input) { id } }', { input: { taskId: task.postTask.id, amount: { amount: 2_500, currency: 'USD' }, message: 'Tomorrow.' } }, { url, token: tasker.token }),
    );
    await gqlOk('mutation AcceptBid($id: ID!) { acceptBid(id: $id) { id } }', { id: bid.placeBid.id }, { url, token: poster.token });
    // The saga ends with the bid ACCEPTED (wallet held, tasks assigned, bids accepted).
    await eventually(
      () => gqlOk<{ task: { status: string } }>('query TaskStatus($id: ID!) { task(id: $id) { status } }', { id: task.postTask.id }, { url, token: poster.token }),
      (d) => d.task.status === 'ASSIGNED',
      { what: 'the task assigned', timeoutMs: 60_000 },
    );

    const root = await eventually(
      async () => receiver.spans.find((s) => s.service === 'gateway' && s.name === 'mutation AcceptBid'),
      (s) => s !== undefined,
      { what: 'the gateway span of acceptBid', timeoutMs: 30_000 },
    );
    const inTrace = () => receiver.spans.filter((s) => s.traceId === root!.traceId);
    const has = (spans: ReceivedSpan[], service: string, name: RegExp, kind?: number) => spans.some((s) => s.service === service && name.test(s.name) && (kind === undefined || s.kind === kind));
    const trace = await eventually(
      async () => inTrace(),
      (spans) => has(spans, 'bids', /^consume tasks\.task\.assigned$/) && has(spans, 'tasks', /^consume wallet\.escrow\.held$/),
      { what: 'the saga steps in the trace', timeoutMs: 30_000 },
    );

    const services = new Set(trace.map((s) => s.service));
    expect([...services].sort()).toEqual(expect.arrayContaining(['bids', 'gateway', 'tasks', 'wallet']));
    expect(root!.kind).toBe(SPAN_KIND.server);
    expect(root!.parentSpanId).toBeUndefined();
    // The request: the gateway's fetch to bids, bids serving it under that fetch, its SQL.
    const fetchBids = trace.find((s) => s.service === 'gateway' && s.name === 'fetch bids' && s.kind === SPAN_KIND.client);
    const bidsServer = trace.find((s) => s.service === 'bids' && s.kind === SPAN_KIND.server && s.name.startsWith('graphql AcceptBid'));
    expect(fetchBids).toBeDefined();
    expect(bidsServer?.parentSpanId).toBe(fetchBids?.spanId);
    expect(has(trace, 'bids', /^pg (SELECT|INSERT|UPDATE|WITH)/, SPAN_KIND.client)).toBe(true);
    // The outbox write, and the relay's publish under it.
    const outbox = trace.find((s) => s.service === 'bids' && s.name === 'outbox bids.bid.accept_requested');
    const publish = trace.find((s) => s.service === 'bids' && s.name === 'publish bids.bid.accept_requested');
    expect(publish?.parentSpanId).toBe(outbox?.spanId);
    // Saga steps: consumers in other services, in the same trace and linked to the event's writer.
    const walletStep = trace.find((s) => s.service === 'wallet' && s.name === 'consume bids.bid.accept_requested');
    expect(walletStep?.kind).toBe(SPAN_KIND.consumer);
    expect(walletStep?.parentSpanId).toBe(outbox?.spanId);
    expect(walletStep?.links).toEqual([{ traceId: root!.traceId, spanId: outbox!.spanId }]);
    expect(has(trace, 'wallet', /^outbox wallet\.escrow\.held$/, SPAN_KIND.producer)).toBe(true);
    // Nothing of another request leaked into this trace (e.g. the deposit's or the bid's spans).
    expect(trace.some((s) => /Deposit|PlaceBid|PostTask/.test(s.name))).toBe(false);
  }, 240_000);
});
