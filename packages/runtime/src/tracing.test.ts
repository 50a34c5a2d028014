import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startOtlpReceiver, eventually, type OtlpReceiver } from '@sx/testkit';
import { traceFields } from './tracing.js';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { contextOf, currentTraceparent, flushTraces, inSpan, linkTo, SpanKind, startTracing, tracingConfigured } from './tracing.js';
import { followsParent } from './skip-unsampled.js';

let receiver: OtlpReceiver;
let tracing: { shutdown: () => Promise<void> };
const lines: Record<string, unknown>[] = [];
// The same mixin createLogger installs, on a logger whose lines the test reads.
const log = pino({ mixin: traceFields }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
  tracing = startTracing('tracing-unit', { omitSpans: { 'library-with-duplicates': ['library.fetch'] } });
});

afterAll(async () => {
  await tracing.shutdown();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  await receiver.close();
});

describe('tracing', () => {
  it('is on only with an OTLP endpoint, and the standard switches turn it off again', () => {
    expect(tracingConfigured({})).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
  });

  it('puts the active span’s ids on every log line, and none outside a span', async () => {
    lines.length = 0;
    let ids: { traceId: string; spanId: string } | undefined;
    await inSpan('logged work', {}, async (span) => {
      ids = { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId };
      log.info('inside');
    });
    log.info('outside');
    expect(lines[0]).toMatchObject({ msg: 'inside', ...ids });
    expect(lines[1]?.msg).toBe('outside');
    expect(lines[1]).not.toHaveProperty('traceId');
  });

  it('carries a span through a traceparent into a child or a link, and exports them over OTLP', async () => {
    let parentTraceparent: string | null = null;
    await inSpan('request', { kind: SpanKind.SERVER }, async () => {
      parentTraceparent = currentTraceparent();
    });
    expect(parentTraceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    await inSpan('later step', { kind: SpanKind.CONSUMER, parent: contextOf(parentTraceparent), links: linkTo(parentTraceparent) }, async () => undefined);
    await expect(inSpan('failing', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await flushTraces();

    const [, traceId, parentId] = (parentTraceparent as unknown as string).split('-');
    const spans = await eventually(async () => receiver.spans.filter((s) => s.service === 'tracing-unit'), (s) => s.length >= 4, { what: 'spans exported' });
    const step = spans.find((s) => s.name === 'later step');
    expect(step).toMatchObject({ traceId, parentSpanId: parentId, kind: 5, links: [{ traceId, spanId: parentId }] });
    expect(spans.find((s) => s.name === 'request')?.spanId).toBe(parentId);
    expect(currentTraceparent()).toBeNull();
  });

  it('makes no span under an unsampled one, for our tracer and a library\'s alike, and passes the unsampled trace on', async () => {
    const unsampled = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00';
    const library = trace.getTracer('apollo/gateway-js');
    const seen: (string | null)[] = [];
    lines.length = 0;
    await inSpan('consume under unsampled', { kind: SpanKind.CONSUMER, parent: contextOf(unsampled) }, async (span) => {
      expect(span.isRecording()).toBe(false);
      seen.push(currentTraceparent());
      await inSpan('nested step', {}, async () => seen.push(currentTraceparent()));
      library.startActiveSpan('gateway.fetch', (child) => {
        expect(child.spanContext().spanId).toBe('00f067aa0ba902b7');
        seen.push(currentTraceparent());
        child.end();
      });
      expect(library.startSpan('gateway.plan').spanContext().spanId).toBe('00f067aa0ba902b7');
      log.info('unsampled work');
    });
    // Everything below carries the caller's trace, still marked unsampled, so the next service drops it too.
    expect(seen).toEqual([unsampled, unsampled, unsampled]);
    expect(lines[0]).toMatchObject({ msg: 'unsampled work', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' });

    // A sampled parent still gets children, from both tracers, even once it has ended.
    let ended: ReturnType<typeof trace.getActiveSpan>;
    await inSpan('sampled request', {}, async (span) => {
      ended = span;
    });
    const late = library.startSpan('gateway.postprocessing', {}, trace.setSpan(contextOf(null), ended!));
    expect(late.isRecording()).toBe(true);
    expect(late.spanContext().spanId).not.toBe(ended!.spanContext().spanId);
    late.end();
    await flushTraces();
    const names = await eventually(async () => receiver.spans.filter((s) => s.service === 'tracing-unit').map((s) => s.name), (n) => n.includes('gateway.postprocessing'), { what: 'the late child exported' });
    expect(names).not.toContain('consume under unsampled');
    expect(names).not.toContain('nested step');
    expect(names).not.toContain('gateway.fetch');
  });

  it("makes no span a library would duplicate: the library's work runs on under the parent, whose children its own spans stay", async () => {
    const library = trace.getTracer('library-with-duplicates');
    let parentId = '';
    let fetchTraceparent: string | null = null;
    await inSpan('request with a library', { kind: SpanKind.SERVER }, async (parent) => {
      parentId = parent.spanContext().spanId;
      await library.startActiveSpan('library.fetch', { attributes: { service: 'tasks' } }, async (omitted) => {
        expect(omitted.isRecording()).toBe(false);
        await inSpan('our fetch', { kind: SpanKind.CLIENT }, async () => {
          fetchTraceparent = currentTraceparent();
        });
        // What the library does with its span on a failure: it must not reach the parent.
        omitted.setStatus({ code: SpanStatusCode.ERROR });
        omitted.end();
      });
      expect(parent.isRecording()).toBe(true);
      library.startSpan('library.fetch').end();
      library.startActiveSpan('library.plan', (span) => span.end());
    });
    await flushTraces();
    const spans = await eventually(
      async () => receiver.spans.filter((s) => s.service === 'tracing-unit' && s.traceId === (fetchTraceparent ?? '').split('-')[1]),
      (found) => ['request with a library', 'our fetch', 'library.plan'].every((name) => found.some((s) => s.name === name)),
      { what: "the request's spans exported" },
    );
    expect(spans.map((s) => s.name).sort()).toEqual(['library.plan', 'our fetch', 'request with a library']);
    const fetch = spans.find((s) => s.name === 'our fetch');
    expect(fetch?.parentSpanId).toBe(parentId);
    expect(fetchTraceparent).toBe(`00-${fetch?.traceId}-${fetch?.spanId}-01`);
    expect(spans.find((s) => s.name === 'library.plan')?.parentSpanId).toBe(parentId);
  });

  it('skips unsampled children only where the sampler follows the parent', () => {
    expect(followsParent({})).toBe(true);
    expect(followsParent({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio' })).toBe(true);
    expect(followsParent({ OTEL_TRACES_SAMPLER: 'always_off' })).toBe(true);
    expect(followsParent({ OTEL_TRACES_SAMPLER: 'always_on' })).toBe(false);
    expect(followsParent({ OTEL_TRACES_SAMPLER: 'traceidratio' })).toBe(false);
  });
});
