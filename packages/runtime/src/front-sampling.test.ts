import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import { ROOT_CONTEXT, SamplingDecision, trace, createContextKey } from '@opentelemetry/api';
import { TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-node';
import { eventually, startOtlpReceiver, type OtlpReceiver } from '@sx/testkit';
import { FrontSampling, frontRatio, unsampledRemote } from './front-sampling.js';
import { traceRequests } from './request-tracing.js';
import { PooledTraceIds } from './trace-ids.js';
import { currentTraceparent, flushTraces, inSpan, isRecording, startTracing, traceFields } from './tracing.js';

const UNSAMPLED = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00';
const SAMPLED = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('the front sampling decision', () => {
  it('is taken for the parent-based ratio and the "off" samplers, read as the SDK reads them', () => {
    expect(frontRatio({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' })).toBe(0.1);
    expect(frontRatio({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: ' 0.25 ' })).toBe(0.25);
    // Blank, not a number or out of range: the SDK samples everything (ratio 1).
    for (const arg of [undefined, '', 'ten percent', '-0.1', '1.5']) expect(frontRatio({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: arg })).toBe(1);
    expect(frontRatio({ OTEL_TRACES_SAMPLER: 'parentbased_always_off' })).toBe(0);
    expect(frontRatio({ OTEL_TRACES_SAMPLER: 'always_off' })).toBe(0);
    // The SDK decides every request under the others.
    for (const sampler of [undefined, 'parentbased_always_on', 'always_on', 'traceidratio', 'parentbased_jaeger_remote']) expect(frontRatio({ OTEL_TRACES_SAMPLER: sampler })).toBeUndefined();
  });

  it('decides as TraceIdRatioBasedSampler on the same trace id, and samples about the ratio', () => {
    for (const ratio of [0, 0.1, 0.5, 1]) {
      const front = new FrontSampling(ratio);
      const sdk = new TraceIdRatioBasedSampler(ratio);
      let sampled = 0;
      for (let i = 0; i < 20_000; i++) {
        const decision = front.root();
        const traceId = 'sampledTraceId' in decision ? decision.sampledTraceId : (trace.getSpan(decision.unsampled)?.spanContext().traceId ?? '');
        const expected = sdk.shouldSample(ROOT_CONTEXT, traceId).decision === SamplingDecision.RECORD_AND_SAMPLED;
        expect('sampledTraceId' in decision).toBe(expected);
        if (expected) sampled++;
      }
      // Binomial(20 000, ratio): within 5 standard deviations (at most 354 of 20 000).
      expect(Math.abs(sampled - 20_000 * ratio)).toBeLessThanOrEqual(5 * Math.sqrt(20_000 * ratio * (1 - ratio)));
    }
  });

  it('runs an unsampled request in a context of its ids, flags 00, that the API reads and extends as any other', () => {
    const front = new FrontSampling(0);
    const decision = front.root();
    if (!('unsampled' in decision)) throw new Error('ratio 0 sampled a request');
    const span = trace.getSpan(decision.unsampled);
    expect(span?.isRecording()).toBe(false);
    expect(span?.spanContext()).toMatchObject({ traceId: expect.stringMatching(/^[0-9a-f]{32}$/), spanId: expect.stringMatching(/^[0-9a-f]{16}$/), traceFlags: 0 });
    const key = createContextKey('front-sampling test');
    const extended = decision.unsampled.setValue(key, 'kept');
    expect(trace.getSpan(extended)).toBe(span);
    expect(extended.getValue(key)).toBe('kept');
    expect(trace.getSpan(trace.deleteSpan(decision.unsampled))).toBeUndefined();
  });

  it('takes over an unsampled W3C traceparent as the propagator would, and leaves every other to it', () => {
    const remote = trace.getSpan(unsampledRemote(UNSAMPLED, undefined) ?? ROOT_CONTEXT)?.spanContext();
    expect(remote).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 0, isRemote: true });
    expect(trace.getSpan(unsampledRemote(UNSAMPLED.replace(/00$/, '02'), undefined) ?? ROOT_CONTEXT)?.spanContext().traceFlags).toBe(2);
    const others = [
      SAMPLED,
      UNSAMPLED.replace(/00$/, '03'), // sampled, with another flag
      UNSAMPLED.toUpperCase(),
      `${UNSAMPLED}-extra`,
      `01-${UNSAMPLED.slice(3)}`,
      '00-00000000000000000000000000000000-00f067aa0ba902b7-00',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-00',
      ` ${UNSAMPLED}`,
    ];
    for (const header of others) expect(unsampledRemote(header, undefined)).toBeUndefined();
    expect(unsampledRemote(UNSAMPLED, 'vendor=value')).toBeUndefined();
    expect(unsampledRemote([UNSAMPLED], undefined)).toBeUndefined();
    expect(unsampledRemote(undefined, undefined)).toBeUndefined();
  });

  it('draws valid, distinct ids from its pool, and gives the SDK the trace id decided on', () => {
    const ids = new PooledTraceIds();
    const traceIds = new Set<string>();
    const spanIds = new Set<string>();
    // Several refills of the pool.
    for (let i = 0; i < 1_000; i++) {
      traceIds.add(ids.generateTraceId());
      spanIds.add(ids.generateSpanId());
    }
    expect(traceIds.size).toBe(1_000);
    expect(spanIds.size).toBe(1_000);
    for (const id of traceIds) expect(id).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
    for (const id of spanIds) expect(id).toMatch(/^(?!0{16})[0-9a-f]{16}$/);
    expect(ids.withTraceId('4bf92f3577b34da6a3ce929d0e0e4736', () => [ids.generateTraceId(), ids.generateSpanId()])[0]).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(ids.generateTraceId()).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });
});

// A service of this file's own (a subgraph trusts its caller's traceparent) sampling half its new
// traces, exporting to a receiver in the test.
describe('a service tracing at a ratio', () => {
  let receiver: OtlpReceiver;
  let tracing: { shutdown: () => Promise<void> };
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    Object.assign(process.env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.5' });
    tracing = startTracing('front-sampling-unit');
    const app = express();
    app.use(traceRequests('front-sampling-unit', { trustParent: true }));
    // What the request's work sees: the traceparent it would send on, its log fields, and those
    // inside a step of its own (a child span when sampled).
    app.get('/', async (_req, res) => {
      const outer = { traceparent: currentTraceparent(), fields: traceFields(), recording: isRecording() };
      const inner = await inSpan('step', {}, async () => currentTraceparent());
      res.json({ ...outer, inner });
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await tracing?.shutdown();
    for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG']) delete process.env[name];
    await receiver?.close();
  });

  type Seen = { traceparent: string | null; fields: { traceId?: string; spanId?: string }; recording: boolean; inner: string | null };
  const call = async (headers: Record<string, string> = {}): Promise<Seen> => (await (await fetch(url, { headers })).json()) as Seen;
  const spansOf = (traceId: string) => receiver.spans.filter((s) => s.traceId === traceId);

  it('continues an unsampled caller without a span: the same traceparent goes on, its ids on the logs', async () => {
    const seen = await call({ traceparent: UNSAMPLED });
    expect(seen).toEqual({ traceparent: UNSAMPLED, inner: UNSAMPLED, recording: false, fields: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' } });
  });

  it('continues a sampled caller with spans below its span', async () => {
    const seen = await call({ traceparent: SAMPLED });
    expect(seen.recording).toBe(true);
    expect(seen.traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    await flushTraces();
    const spans = await eventually(async () => spansOf('0af7651916cd43dd8448eb211c80319c'), (s) => s.length >= 2, { what: 'the continued trace exported' });
    const server = spans.find((s) => s.name === 'front-sampling-unit GET /');
    expect(server?.parentSpanId).toBe('b7ad6b7169203331');
    expect(spans.find((s) => s.name === 'step')?.parentSpanId).toBe(server?.spanId);
  });

  it('starts new traces at about the ratio: unsampled ones pass flags 00 on and export nothing', async () => {
    const seen: Seen[] = [];
    for (let i = 0; i < 100; i++) seen.push(await call());
    const sampled = seen.filter((s) => s.traceparent?.endsWith('-01'));
    const unsampled = seen.filter((s) => s.traceparent?.endsWith('-00'));
    expect(sampled.length + unsampled.length).toBe(100);
    // Binomial(100, 0.5): mean 50, standard deviation 5.
    expect(sampled.length).toBeGreaterThanOrEqual(25);
    expect(sampled.length).toBeLessThanOrEqual(75);
    for (const s of unsampled) {
      expect(s.recording).toBe(false);
      expect(s.inner).toBe(s.traceparent);
      expect(`00-${s.fields.traceId}-${s.fields.spanId}-00`).toBe(s.traceparent);
    }
    await flushTraces();
    const traceIdOf = (s: Seen) => s.traceparent?.split('-')[1] ?? '';
    await eventually(async () => sampled.every((s) => spansOf(traceIdOf(s)).some((span) => span.name === 'step')), (all) => all, { what: 'the sampled traces exported' });
    for (const s of sampled) expect(spansOf(traceIdOf(s)).find((span) => span.parentSpanId === undefined)?.name).toBe('front-sampling-unit GET /');
    for (const s of unsampled) expect(spansOf(traceIdOf(s))).toEqual([]);
  });
});
