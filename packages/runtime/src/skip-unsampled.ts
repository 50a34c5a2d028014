import { context, INVALID_TRACEID, trace, TraceFlags, type Context, type Span, type SpanOptions, type Tracer } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * The span to stand in for a new child when the parent was not sampled: under a parent-based
 * sampler such a child is dropped anyway, so making it (ids, attribute checks, a sampler call, a
 * context switch) is pure cost. The parent's span context still travels in traceparents (flag 00),
 * so the services downstream drop the trace too. A parent that was sampled but has ended is not
 * skipped: its late children still belong to a recorded trace.
 */
export function unsampledParent(ctx: Context, options?: SpanOptions): Span | undefined {
  if (options?.root) return undefined;
  const parent = trace.getSpan(ctx);
  if (!parent || parent.isRecording()) return undefined;
  const { traceId, traceFlags } = parent.spanContext();
  return traceId !== INVALID_TRACEID && (traceFlags & TraceFlags.SAMPLED) === 0 ? parent : undefined;
}

type SpanFn = (span: Span) => unknown;

/** A tracer that makes no child of an unsampled span (see unsampledParent); everything else as the SDK's. */
class SkipUnsampledTracer implements Tracer {
  constructor(private readonly inner: Tracer) {}

  startSpan(name: string, options?: SpanOptions, ctx?: Context): Span {
    return unsampledParent(ctx ?? context.active(), options) ?? this.inner.startSpan(name, options, ctx);
  }

  startActiveSpan<F extends SpanFn>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends SpanFn>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends SpanFn>(name: string, options: SpanOptions, ctx: Context, fn: F): ReturnType<F>;
  startActiveSpan<F extends SpanFn>(name: string, a: SpanOptions | F, b?: Context | F, c?: F): ReturnType<F> {
    const fn = (c ?? (typeof b === 'function' ? b : a)) as F;
    const options = typeof a === 'function' ? {} : a;
    const ctx = typeof b === 'object' ? b : undefined;
    const parent = unsampledParent(ctx ?? context.active(), options);
    if (parent) {
      // The caller's context is the one its work expects to run in (a consumer's event, say).
      return (ctx ? context.with(ctx, (span: Span) => fn(span), undefined, parent) : fn(parent)) as ReturnType<F>;
    }
    return ctx ? this.inner.startActiveSpan(name, options, ctx, fn) : this.inner.startActiveSpan(name, options, fn);
  }
}

/**
 * The SDK's provider, whose tracers (ours and @apollo/gateway's alike, both reach it through the
 * global API) skip children of unsampled spans. Only right for samplers that follow the parent's
 * decision, which the caller checks (followsParent).
 */
export class SkipUnsampledTracerProvider extends NodeTracerProvider {
  private readonly tracers = new Map<string, Tracer>();

  override getTracer(name: string, version?: string, options?: { schemaUrl?: string }): Tracer {
    const key = `${name}@${version ?? ''}:${options?.schemaUrl ?? ''}`;
    let tracer = this.tracers.get(key);
    if (!tracer) {
      tracer = new SkipUnsampledTracer(super.getTracer(name, version, options));
      this.tracers.set(key, tracer);
    }
    return tracer;
  }
}

/**
 * Whether the sampler OTEL_TRACES_SAMPLER names keeps a parent's "not sampled": the parentbased_*
 * ones (the default among them) and always_off. always_on and a bare traceidratio decide for each
 * span again, so there every span is made as usual.
 */
export function followsParent(env: NodeJS.ProcessEnv = process.env): boolean {
  const sampler = env.OTEL_TRACES_SAMPLER;
  return !sampler || sampler.startsWith('parentbased_') || sampler === 'always_off';
}
