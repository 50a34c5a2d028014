import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startOtlpReceiver, eventually, type OtlpReceiver } from '@sx/testkit';
import { traceFields } from './tracing.js';
import { contextOf, currentTraceparent, flushTraces, inSpan, linkTo, SpanKind, startTracing, tracingConfigured } from './tracing.js';

let receiver: OtlpReceiver;
let tracing: { shutdown: () => Promise<void> };
const lines: Record<string, unknown>[] = [];
// The same mixin createLogger installs, on a logger whose lines the test reads.
const log = pino({ mixin: traceFields }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
  tracing = startTracing('tracing-unit');
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
});
