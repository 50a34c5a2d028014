import { INVALID_TRACEID, trace, TraceFlags, type Context, type Span, type SpanOptions } from '@opentelemetry/api';

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

/**
 * Whether the sampler OTEL_TRACES_SAMPLER names keeps a parent's "not sampled": the parentbased_*
 * ones (the default among them) and always_off. always_on and a bare traceidratio decide for each
 * span again, so there every span is made as usual.
 */
export function followsParent(env: NodeJS.ProcessEnv = process.env): boolean {
  const sampler = env.OTEL_TRACES_SAMPLER;
  return !sampler || sampler.startsWith('parentbased_') || sampler === 'always_off';
}
