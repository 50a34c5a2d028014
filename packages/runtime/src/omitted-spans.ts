import { INVALID_SPAN_CONTEXT, trace, type Context, type Span } from '@opentelemetry/api';

/**
 * Spans a library makes that duplicate one of ours, by the library's tracer name: e.g.
 * `{ 'apollo/gateway-js': ['gateway.fetch'] }` at the gateway, whose own CLIENT span per subgraph
 * fetch carries the traceparent the subgraph continues.
 */
export type OmittedSpans = Readonly<Record<string, readonly string[]>>;

/**
 * What the code of an omitted span gets instead: a non-recording span of the parent's ids, so its
 * setStatus and end go nowhere (they must not reach the parent, which that code did not start),
 * and its work runs on in the parent's context, where its children hang below the parent.
 */
export function standInFor(ctx: Context): Span {
  return trace.wrapSpanContext(trace.getSpanContext(ctx) ?? INVALID_SPAN_CONTEXT);
}
