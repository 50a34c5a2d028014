import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, flushTraces } from '@sx/runtime';
import { eventually, gql, startOtlpReceiver, type OtlpReceiver } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { startFakeSubgraph, type FakeSubgraph } from './fake-subgraph.js';
import { startTestGateway } from './test-gateway.js';

// A gateway of this file's own sampling every request (parent-based at ratio 1, so the front
// decides as at 10 % but always "sampled"), exporting to a receiver in the test; the tasks
// subgraph is a fake that records the traceparent each fetch carries; the log lines are captured.
let receiver: OtlpReceiver;
let tasks: FakeSubgraph;
let gateway: RunningGateway;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  tasks = await startFakeSubgraph(() => ({ json: { data: { tasks: { edges: [] } } } }));
  Object.assign(process.env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '1' });
  const log = createLogger('gateway', 'info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  gateway = await startTestGateway({ TASKS_URL: tasks.url }, { log });
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG']) delete process.env[name];
  await Promise.all([receiver?.close(), tasks?.close()]);
});

/** tasks → poster → postedTasks … deeper than MAX_QUERY_DEPTH (12): refused by the depth guard. */
function deepDocument(): string {
  let inner = 'id';
  for (let level = 0; level < 4; level += 1) inner = `postedTasks(first: 2) { edges { node { poster { ${inner} } } } }`;
  return `query TooDeepForTracing { tasks(first: 2) { edges { node { poster { ${inner} } } } } }`;
}

const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const REFUSALS = 4;

describe('tracing of documents the guards refuse (issue 19)', () => {
  it('makes at most one span for a refused document, none once it is known, and still traces an executed request whole', async () => {
    for (let i = 0; i < REFUSALS; i++) {
      const headers = { 'x-request-id': `refused-${i}`, traceparent: `00-${CALLER_TRACE_ID}-00f067aa0ba902b7-01` };
      const res = await gql(deepDocument(), {}, { url: gateway.url, headers });
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const executed = await gql('query TracedTaskIds { tasks(first: 1) { edges { node { id } } } }', {}, { url: gateway.url, headers: { 'x-request-id': 'executed' } });
    expect(executed.errors).toBeUndefined();
    expect(tasks.requests).toHaveLength(1);
    const [, traceId = '', fetchSpanId = '', flags] = String(tasks.requests[0]?.headers.traceparent).split('-');
    expect(flags).toBe('01');

    // The executed request's trace arrives whole: its SERVER span named after the operation, the
    // fetch whose id the subgraph got under it, and no second span for that one fetch
    // (@apollo/gateway's gateway.fetch, which ours makes redundant).
    await flushTraces();
    const trace = await eventually(
      async () => receiver.spans.filter((s) => s.service === 'gateway' && s.traceId === traceId),
      (spans) => spans.some((s) => s.name === 'query TracedTaskIds') && spans.some((s) => s.spanId === fetchSpanId),
      { what: "the executed request's trace" },
    );
    expect(trace.find((s) => s.spanId === fetchSpanId)).toMatchObject({ name: 'fetch tasks', kind: 3 });
    expect(trace.find((s) => s.name === 'query TracedTaskIds')?.parentSpanId).toBeUndefined();
    expect(trace.filter((s) => s.name === 'gateway.fetch')).toEqual([]);

    // The refusals: the first went through Apollo's parser and validation under a span of its
    // own, with no child (nothing was planned or fetched); the known ones that followed made none.
    // Every request of this gateway is sampled, so any span of theirs would be here by now.
    const requestSpans = receiver.spans.filter((s) => s.service === 'gateway' && s.kind === 2);
    const refusedSpans = requestSpans.filter((s) => s.traceId !== traceId);
    expect(refusedSpans).toHaveLength(1);
    expect(refusedSpans[0]).toMatchObject({ name: 'gateway POST /graphql', attributes: { 'http.response.status_code': 400 } });
    expect(receiver.spans.filter((s) => s.traceId === refusedSpans[0]?.traceId)).toHaveLength(1);
    // The client's traceparent never chose our trace id.
    expect(receiver.spans.some((s) => s.traceId === CALLER_TRACE_ID)).toBe(false);

    // Still counted and logged; a known refusal's line carries the caller's trace id, as its own
    // field: it is no trace of ours.
    await eventually(async () => lines.filter((l) => l.msg === 'graphql request' && String(l.requestId).startsWith('refused-')).length, (n) => n === REFUSALS, { what: 'every refusal logged' });
    const known = lines.filter((l) => l.msg === 'graphql request' && l.knownRefusal === true);
    expect(known.map((l) => l.requestId)).toEqual(Array.from({ length: REFUSALS - 1 }, (_, i) => `refused-${i + 1}`));
    for (const line of known) {
      expect(line).toMatchObject({ callerTraceId: CALLER_TRACE_ID, outcome: 'GRAPHQL_VALIDATION_FAILED' });
      expect(line).not.toHaveProperty('traceId');
    }
  }, 120_000);
});
