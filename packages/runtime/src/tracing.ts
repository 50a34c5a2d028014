import { context, INVALID_TRACEID, isSpanContextValid, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Link, type Span, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { formatTraceparent, FrontSampling, frontRatio, unsampledTraceparent } from './front-sampling.js';
import type { OmittedSpans } from './omitted-spans.js';
import { followsParent, unsampledParent } from './skip-unsampled.js';
import { ServiceTracerProvider } from './tracer-provider.js';

export type { OmittedSpans };

export { SpanKind };

const TRACER = 'service-exchange';

/**
 * Tracing is off unless an OTLP endpoint is configured (the standard OTEL_EXPORTER_OTLP_ENDPOINT
 * or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), and OTEL_SDK_DISABLED / OTEL_TRACES_EXPORTER=none
 * switch it off again. Off, the API below is OpenTelemetry's no-op: no span is recorded.
 */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

let provider: ServiceTracerProvider | undefined;
/** Our tracer from `provider`, kept: the global API's lookup (a key string and a map) costs per call. */
let startedTracer: Tracer | undefined;
/** Children of unsampled spans are skipped (the sampler follows the parent's decision). */
let skipUnsampled = false;
/** Requests' sampling decided before their span (front-sampling.ts), with a ratio or an "off" sampler. */
let front: FrontSampling | undefined;

/**
 * Starts exporting this process's spans over OTLP/HTTP when configured. The exporter, the batch
 * processor and the sampler read their standard OTEL_* variables (endpoint, headers,
 * OTEL_TRACES_SAMPLER=parentbased_traceidratio with OTEL_TRACES_SAMPLER_ARG, OTEL_BSP_*).
 * Spans leave in batches from a background timer, so a request never waits for the collector.
 * With a parent-based sampler (the default, and the 10 % one the docs recommend), no span is made
 * under an unsampled one (skip-unsampled.ts): the 90 % of requests left out cost one root
 * decision, not a span per fetch, plan and query. `omitSpans`: library spans that duplicate
 * this service's own (omitted-spans.ts), never made.
 */
export function startTracing(service: string, opts: { omitSpans?: OmittedSpans } = {}): { shutdown: () => Promise<void> } {
  if (provider || !tracingConfigured()) return { shutdown: async () => undefined };
  skipUnsampled = followsParent();
  const ratio = skipUnsampled ? frontRatio() : undefined;
  const frontSampling = ratio === undefined ? undefined : new FrontSampling(ratio);
  const sampler = frontSampling?.sampler();
  const options = {
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME ?? service }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
    // With a front, the SDK takes its ids from the front's pool and samples with the same ratio.
    ...(frontSampling ? { idGenerator: frontSampling.ids } : {}),
    ...(sampler ? { sampler } : {}),
  };
  const started = new ServiceTracerProvider(options, { skipUnsampled, omitted: opts.omitSpans ?? {} });
  // Registers the AsyncLocalStorage context manager and the W3C traceparent propagator.
  started.register();
  provider = started;
  startedTracer = started.getTracer(TRACER);
  front = frontSampling;
  // A collector that is down or slow must not fail a shutdown: the spans are lost, the service is not.
  // Afterwards the process is as before startTracing (the global API unset), so a later
  // startTracing in the same process — the next test file in a shared fork — starts afresh.
  return {
    shutdown: async () => {
      await started.shutdown().catch(() => undefined);
      if (provider !== started) return;
      provider = undefined;
      startedTracer = undefined;
      skipUnsampled = false;
      front = undefined;
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** Whether this process exports spans (startTracing found an endpoint). */
export function tracingStarted(): boolean {
  return provider !== undefined;
}

/** Sends spans still buffered (tests and shutdown call it before reading the collector). */
export async function flushTraces(): Promise<void> {
  await provider?.forceFlush().catch(() => undefined);
}

/** The front sampling decision of this process's requests, when its sampler allows one (see startTracing). */
export function frontSampling(): FrontSampling | undefined {
  return front;
}

export function tracer(): Tracer {
  return startedTracer ?? trace.getTracer(TRACER);
}

/** Whether spans are being recorded at all (an active, sampled span). Cheap checks before costly attributes. */
export function isRecording(): boolean {
  return trace.getActiveSpan()?.isRecording() ?? false;
}

/** Where @opentelemetry/core's suppressTracing marks a context (its createContextKey is Symbol.for). */
const SUPPRESS_TRACING_KEY = Symbol.for('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

/**
 * The active span as a W3C `traceparent`, for an event envelope or an outgoing request; null when
 * none. What the registered W3C propagator injects, written here: through the propagation API (a
 * carrier, a setter, the composite's baggage propagator) it cost most of a microsecond per fetch.
 */
export function currentTraceparent(): string | null {
  // Without a provider the API is a no-op and nothing is active.
  if (!provider) return null;
  const active = context.active();
  const unsampled = unsampledTraceparent(active);
  if (unsampled !== undefined) return unsampled;
  const spanContext = trace.getSpanContext(active);
  if (!spanContext || active.getValue(SUPPRESS_TRACING_KEY) === true || !isSpanContextValid(spanContext)) return null;
  return formatTraceparent(spanContext);
}

/** The context a received `traceparent` (header or event envelope) describes, to parent or link spans to. */
export function contextOf(traceparent: string | null | undefined): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/** A link to the span a `traceparent` names (an asynchronous cause), or none. */
export function linkTo(traceparent: string | null | undefined): Link[] {
  const spanContext = trace.getSpanContext(contextOf(traceparent));
  return spanContext ? [{ context: spanContext }] : [];
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
  /** Parent other than the active context (a consumer's event, a request's header). */
  parent?: Context;
}

/**
 * Runs `fn` in a new active span, ended when it settles; a thrown error marks the span failed.
 * Inside a span that is not sampled, no child is made (the parent-based sampler would drop it
 * anyway): `fn` gets the unsampled span, whose context still travels in traceparents. That keeps
 * the 90 % of requests a 10 % sampler leaves out nearly free.
 */
export async function inSpan<T>(name: string, opts: SpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  const parent = opts.parent ?? context.active();
  const unsampled = skipUnsampled ? unsampledParent(parent) : undefined;
  if (unsampled) return opts.parent ? context.with(parent, fn, undefined, unsampled) : fn(unsampled);
  return tracer().startActiveSpan(name, { kind: opts.kind ?? SpanKind.INTERNAL, attributes: opts.attributes ?? {}, links: opts.links ?? [] }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}

/**
 * The ids of the active span, for log lines (pino's mixin, called for every line written); empty
 * when nothing is traced. An unsampled request's lines carry its trace id too, and the span id of
 * the nearest span that was made (children of unsampled spans are not). A fresh object each
 * time: pino merges the line's own fields into it.
 */
export function traceFields(): { traceId?: string; spanId?: string } {
  const spanContext = trace.getActiveSpan()?.spanContext();
  // A span context from our SDK or a parsed traceparent is well formed; only the invalid one is skipped.
  if (!spanContext || spanContext.traceId === INVALID_TRACEID) return {};
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
