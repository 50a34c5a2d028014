import { context, type Context, type Span, type SpanOptions, type Tracer } from '@opentelemetry/api';
import { NodeTracerProvider, type NodeTracerConfig } from '@opentelemetry/sdk-trace-node';
import { standInFor, type OmittedSpans } from './omitted-spans.js';
import { unsampledParent } from './skip-unsampled.js';

/** How this process's tracers differ from the SDK's. */
export interface TracerShaping {
  /** No child of an unsampled span (skip-unsampled.ts): only right for samplers that follow the parent (followsParent). */
  skipUnsampled: boolean;
  /** Library spans that duplicate ours, not made (omitted-spans.ts). */
  omitted: OmittedSpans;
}

/** The span to hand out instead of making one, or undefined to make it. */
type SpanSkip = (name: string, options: SpanOptions | undefined, ctx: Context) => Span | undefined;

type SpanFn = (span: Span) => unknown;

/** A tracer that makes no span where `skip` gives one to stand in; everything else as the SDK's. */
class ShapedTracer implements Tracer {
  constructor(
    private readonly inner: Tracer,
    private readonly skip: SpanSkip,
  ) {}

  startSpan(name: string, options?: SpanOptions, ctx?: Context): Span {
    return this.skip(name, options, ctx ?? context.active()) ?? this.inner.startSpan(name, options, ctx);
  }

  startActiveSpan<F extends SpanFn>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends SpanFn>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends SpanFn>(name: string, options: SpanOptions, ctx: Context, fn: F): ReturnType<F>;
  startActiveSpan<F extends SpanFn>(name: string, a: SpanOptions | F, b?: Context | F, c?: F): ReturnType<F> {
    const fn = (c ?? (typeof b === 'function' ? b : a)) as F;
    const options = typeof a === 'function' ? {} : a;
    const ctx = typeof b === 'object' ? b : undefined;
    const standIn = this.skip(name, options, ctx ?? context.active());
    if (standIn) {
      // The caller's context is the one its work expects to run in (a consumer's event, say).
      return (ctx ? context.with(ctx, (span: Span) => fn(span), undefined, standIn) : fn(standIn)) as ReturnType<F>;
    }
    return ctx ? this.inner.startActiveSpan(name, options, ctx, fn) : this.inner.startActiveSpan(name, options, fn);
  }
}

/** The skip rule of one tracer, or undefined when it makes every span as the SDK does. */
function skipFor(shaping: TracerShaping, tracerName: string): SpanSkip | undefined {
  const omitted = new Set(shaping.omitted[tracerName] ?? []);
  const omit: SpanSkip = (name, _options, ctx) => (omitted.has(name) ? standInFor(ctx) : undefined);
  if (shaping.skipUnsampled) return omitted.size ? (name, options, ctx) => unsampledParent(ctx, options) ?? omit(name, options, ctx) : (_name, options, ctx) => unsampledParent(ctx, options);
  return omitted.size ? omit : undefined;
}

/**
 * The SDK's provider, whose tracers — ours and the libraries' alike, both reach it through the
 * global API — are shaped as `shaping` says. Shaped tracers are kept per name, version and
 * schema, so each is wrapped once.
 */
export class ServiceTracerProvider extends NodeTracerProvider {
  private readonly tracers = new Map<string, Tracer>();
  private readonly shaping: TracerShaping;

  constructor(config: NodeTracerConfig, shaping: TracerShaping) {
    super(config);
    this.shaping = shaping;
  }

  override getTracer(name: string, version?: string, options?: { schemaUrl?: string }): Tracer {
    const key = `${name}@${version ?? ''}:${options?.schemaUrl ?? ''}`;
    let tracer = this.tracers.get(key);
    if (!tracer) {
      const inner = super.getTracer(name, version, options);
      const skip = skipFor(this.shaping, name);
      tracer = skip ? new ShapedTracer(inner, skip) : inner;
      this.tracers.set(key, tracer);
    }
    return tracer;
  }
}
