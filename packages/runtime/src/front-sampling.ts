import { ROOT_CONTEXT, trace, TraceFlags, type Context, type Span, type SpanContext } from '@opentelemetry/api';
import { ParentBasedSampler, TraceIdRatioBasedSampler, type Sampler } from '@opentelemetry/sdk-trace-node';
import { PooledTraceIds } from './trace-ids.js';

/** A W3C traceparent of version 00 whose ids are valid (not all zero); the exact form our services send. */
const TRACEPARENT_00 = /^00-(?!0{32})[\da-f]{32}-(?!0{16})[\da-f]{16}-[\da-f]{2}$/;

/** The key the OpenTelemetry API keeps the active span under (its createContextKey is Symbol.for). */
const SPAN_KEY = Symbol.for('OpenTelemetry Context Key SPAN');

/** A span context as the W3C propagator's inject writes it into `traceparent`. */
export function formatTraceparent(spanContext: SpanContext): string {
  return `00-${spanContext.traceId}-${spanContext.spanId}-0${Number(spanContext.traceFlags || 0).toString(16)}`;
}

/**
 * The context of a request left out by the sampler: one non-recording span and nothing else, as
 * `trace.setSpan(ROOT_CONTEXT, span)` makes it, built without that context's copied Map and three
 * closures (half a microsecond, the biggest part of such a request's cost). Nothing below it makes
 * a span or sets a value under a parent-based sampler, so every fetch of the request runs in this
 * one context and shares its traceparent, written once. Anything set on it becomes a regular context.
 */
class UnsampledContext implements Context {
  private written: string | undefined;

  constructor(private readonly span: Span) {}

  get traceparent(): string {
    this.written ??= formatTraceparent(this.span.spanContext());
    return this.written;
  }

  getValue(key: symbol): unknown {
    return key === SPAN_KEY ? this.span : undefined;
  }

  setValue(key: symbol, value: unknown): Context {
    return trace.setSpan(ROOT_CONTEXT, this.span).setValue(key, value);
  }

  deleteValue(key: symbol): Context {
    return key === SPAN_KEY ? ROOT_CONTEXT : this;
  }
}

/** Whether the API finds the span in an UnsampledContext (checked once: the key is the API's internal). */
const unsampledContextWorks = (() => {
  const span = trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.NONE });
  return trace.getSpan(new UnsampledContext(span)) === span;
})();

/** The context `trace.setSpan(ROOT_CONTEXT, …)` makes for a non-recording span of these ids. */
function contextOfUnsampled(spanContext: SpanContext): Context {
  const span = trace.wrapSpanContext(spanContext);
  return unsampledContextWorks ? new UnsampledContext(span) : trace.setSpan(ROOT_CONTEXT, span);
}

/** The traceparent of an unsampled request's context (written once per request), or undefined for any other context. */
export function unsampledTraceparent(ctx: Context): string | undefined {
  return ctx instanceof UnsampledContext ? ctx.traceparent : undefined;
}

/**
 * The root sampling ratio of OTEL_TRACES_SAMPLER when the front of a request can decide it alone:
 * `parentbased_traceidratio` (its OTEL_TRACES_SAMPLER_ARG, read as the SDK reads it: blank, not a
 * number or outside [0, 1] is 1), `parentbased_always_off` and `always_off` (0). Undefined for the
 * others, which keep the SDK's decision for every request.
 */
export function frontRatio(env: NodeJS.ProcessEnv = process.env): number | undefined {
  switch (env.OTEL_TRACES_SAMPLER) {
    case 'parentbased_always_off':
    case 'always_off':
      return 0;
    case 'parentbased_traceidratio': {
      const arg = env.OTEL_TRACES_SAMPLER_ARG?.trim();
      const ratio = arg ? Number(arg) : NaN;
      return Number.isNaN(ratio) || ratio < 0 || ratio > 1 ? 1 : ratio;
    }
    default:
      return undefined;
  }
}

/**
 * Decides at the front of a request whether it is traced, before any span exists, so that the
 * requests a ratio sampler leaves out (90 % at 10 %) skip the SDK's span machinery altogether: a
 * random trace id from a pool, the ratio check TraceIdRatioBasedSampler makes on it, and for
 * "not sampled" a ready context holding the trace's ids (flags 00) — what the SDK would have made,
 * a non-recording span, without the sampler call, attribute checks and id formatting. That context
 * still goes out in `traceparent` headers and event envelopes, and its ids on log lines. A sampled
 * request's span is made by the SDK with the same trace id (PooledTraceIds.withTraceId), whose
 * sampler (the one `sampler` returns) decides the same.
 */
export class FrontSampling {
  readonly ids = new PooledTraceIds();
  private readonly upperBound: number;

  constructor(readonly ratio: number) {
    // TraceIdRatioBasedSampler's bound, so both decide alike on every id.
    this.upperBound = ratio === 1 ? 0x1_0000_0000 : Math.floor(ratio * 0xffff_ffff);
  }

  /** The sampler the tracer provider must use for its decisions to match this front's. */
  sampler(env: NodeJS.ProcessEnv = process.env): Sampler | undefined {
    // The always_off ones are the SDK's own (built from the environment); only the ratio is shared.
    return env.OTEL_TRACES_SAMPLER === 'parentbased_traceidratio' ? new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(this.ratio) }) : undefined;
  }

  /** A new trace: the context to run in when it is not sampled, or the trace id to give the SDK's span when it is. */
  root(): { unsampled: Context } | { sampledTraceId: string } {
    const { traceId, ratioKey } = this.ids.rootTraceId();
    if (ratioKey < this.upperBound) return { sampledTraceId: traceId };
    return { unsampled: contextOfUnsampled({ traceId, spanId: this.ids.generateSpanId(), traceFlags: TraceFlags.NONE }) };
  }
}

/** The trace id of a received `traceparent` of the form our services send (version 00, valid ids), or undefined. */
export function traceIdOf(traceparent: string | string[] | undefined): string | undefined {
  return typeof traceparent === 'string' && TRACEPARENT_00.test(traceparent) ? traceparent.slice(3, 35) : undefined;
}

/**
 * The context a received `traceparent` of an unsampled trace describes — the caller's span, as
 * the W3C propagator extracts it — or undefined for anything else (sampled, absent, another form
 * or version, or with a `tracestate`), which the propagator and the SDK then handle as usual. Under
 * a parent-based sampler nothing below it is recorded, so the request just runs in it.
 */
export function unsampledRemote(traceparent: string | string[] | undefined, tracestate: string | string[] | undefined): Context | undefined {
  if (typeof traceparent !== 'string' || tracestate !== undefined || !TRACEPARENT_00.test(traceparent)) return undefined;
  const traceFlags = parseInt(traceparent.slice(53), 16);
  if ((traceFlags & TraceFlags.SAMPLED) !== 0) return undefined;
  return contextOfUnsampled({ traceId: traceparent.slice(3, 35), spanId: traceparent.slice(36, 52), traceFlags, isRemote: true });
}
