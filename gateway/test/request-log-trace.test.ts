import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, flushTraces } from '@sx/runtime';
import { eventually, gql, startOtlpReceiver, type OtlpReceiver } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { startTestGateway } from './test-gateway.js';

// A gateway of this file's own exporting every trace (the default sampler) to a receiver in the
// test, its log lines captured: a request's log line must lead to that request's trace.
let receiver: OtlpReceiver;
let gateway: RunningGateway;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
  const log = createLogger('gateway', 'info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  gateway = await startTestGateway({}, { log });
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  await receiver?.close();
});

describe("the gateway's request log line", () => {
  it('names the operation and carries the ids of the trace the request made', async () => {
    const res = await gql('query RecentTaskIds { tasks(first: 1) { edges { node { id } } } }', {}, { url: gateway.url });
    expect(res.errors).toBeUndefined();
    const line = await eventually(async () => lines.find((l) => l.msg === 'graphql request' && l.operationName === 'RecentTaskIds'), (l) => l !== undefined, { what: 'the request log line' });
    expect(line).toMatchObject({ service: 'gateway', operationType: 'query', outcome: 'ok' });
    expect(line?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(line?.spanId).toMatch(/^[0-9a-f]{16}$/);

    await flushTraces();
    const trace = await eventually(
      async () => receiver.spans.filter((s) => s.traceId === line?.traceId),
      (spans) => spans.some((s) => s.name === 'query RecentTaskIds') && spans.some((s) => s.name === 'fetch tasks'),
      { what: "the request's trace exported" },
    );
    // The line's span is one of that trace's spans, and the trace is this request's: its SERVER
    // span is named after the operation and the tasks subgraph was fetched under it.
    expect(trace.map((s) => s.spanId)).toContain(line?.spanId);
    const root = trace.find((s) => s.name === 'query RecentTaskIds');
    expect(root?.parentSpanId).toBeUndefined();
  }, 60_000);
});
