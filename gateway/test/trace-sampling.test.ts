import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, flushTraces } from '@sx/runtime';
import { eventually, gql, startOtlpReceiver, type OtlpReceiver } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { startFakeSubgraph, type FakeSubgraph } from './fake-subgraph.js';
import { startTestGateway } from './test-gateway.js';

// A gateway of this file's own sampling a quarter of its requests (parent-based, as the docs
// recommend 10 %), exporting to a receiver in the test; the tasks subgraph is a fake that records
// the traceparent each fetch carries, and the gateway's log lines are captured.
const RATIO = 0.25;
const REQUESTS = 200;
let receiver: OtlpReceiver;
let tasks: FakeSubgraph;
let gateway: RunningGateway;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  tasks = await startFakeSubgraph(() => ({ json: { data: { tasks: { edges: [] } } } }));
  Object.assign(process.env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: String(RATIO) });
  const log = createLogger('gateway', 'info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  gateway = await startTestGateway({ TASKS_URL: tasks.url }, { log });
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG']) delete process.env[name];
  await Promise.all([receiver?.close(), tasks?.close()]);
});

/** traceparent `00-<trace>-<span>-<flags>`, split. */
function partsOf(traceparent: unknown): { traceId: string; spanId: string; flags: string } {
  expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  const [, traceId = '', spanId = '', flags = ''] = String(traceparent).split('-');
  return { traceId, spanId, flags };
}

describe('sampling decided at the front of a gateway request', () => {
  it('forwards flags 00 and records nothing for requests left out, traces the rest whole, at about the ratio', async () => {
    for (let i = 0; i < REQUESTS; i++) {
      const res = await gql('query SampledTaskIds { tasks(first: 1) { edges { node { id } } } }', {}, { url: gateway.url, headers: { 'x-request-id': `sampling-${i}` } });
      expect(res.errors).toBeUndefined();
    }
    expect(tasks.requests).toHaveLength(REQUESTS);
    const fetches = tasks.requests.map((r) => ({ requestId: String(r.headers['x-request-id']), ...partsOf(r.headers.traceparent) }));
    // Every request a trace of its own.
    expect(new Set(fetches.map((f) => f.traceId)).size).toBe(REQUESTS);
    const sampled = fetches.filter((f) => f.flags === '01');
    const unsampled = fetches.filter((f) => f.flags === '00');
    // Binomial(200, 0.25): mean 50, standard deviation 6.1; the bound is over 4 deviations wide.
    expect(sampled.length).toBeGreaterThanOrEqual(25);
    expect(sampled.length).toBeLessThanOrEqual(75);

    // Each request's log line carries the trace id it forwarded; an unsampled one also the span id
    // it forwarded (its root's: no span was made below it).
    await eventually(async () => lines.filter((l) => l.msg === 'graphql request' && l.operationName === 'SampledTaskIds').length, (n) => n === REQUESTS, { what: 'every request logged' });
    for (const fetch of fetches) {
      const line = lines.find((l) => l.msg === 'graphql request' && l.requestId === fetch.requestId);
      expect(line?.traceId).toBe(fetch.traceId);
      if (fetch.flags === '00') expect(line?.spanId).toBe(fetch.spanId);
    }

    // The sampled traces arrive whole (the request's span, named after the operation, and the
    // fetch whose id went to the subgraph); no span of an unsampled trace, and no other trace of
    // a request — a library span under an unsampled request would have started a root of its own.
    await flushTraces();
    const exported = await eventually(
      async () => receiver.spans.filter((s) => s.service === 'gateway'),
      (spans) => sampled.every((f) => spans.some((s) => s.traceId === f.traceId && s.spanId === f.spanId)),
      { what: 'the sampled traces exported' },
    );
    for (const fetch of sampled) {
      const trace = exported.filter((s) => s.traceId === fetch.traceId);
      expect(trace.find((s) => s.spanId === fetch.spanId)?.name).toBe('fetch tasks');
      expect(trace.find((s) => s.parentSpanId === undefined)?.name).toBe('query SampledTaskIds');
    }
    const requestSpans = exported.filter((s) => s.name.startsWith('gateway.') || s.name === 'fetch tasks' || s.name === 'query SampledTaskIds');
    expect(new Set(requestSpans.map((s) => s.traceId))).toEqual(new Set(sampled.map((f) => f.traceId)));
    expect(unsampled.length).toBe(REQUESTS - sampled.length);
  }, 120_000);
});
