import type { RequestHandler } from 'express';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { tracer, tracingStarted } from './tracing.js';

/**
 * A SERVER span around each HTTP request, active while it is served, so everything the request
 * does (fetches, SQL, outbox writes) hangs below it. `trustParent`: continue the caller's trace
 * from its `traceparent` header — subgraphs trust the gateway's; the public gateway starts its own
 * trace, so no client can choose trace ids or force sampling on.
 */
export function traceRequests(service: string, opts: { trustParent: boolean }): RequestHandler {
  return (req, res, next) => {
    if (!tracingStarted()) return next();
    const parent = opts.trustParent ? propagation.extract(ROOT_CONTEXT, req.headers) : ROOT_CONTEXT;
    const span = tracer().startSpan(`${service} ${req.method} ${req.baseUrl || req.path}`, { kind: SpanKind.SERVER }, parent);
    // Unsampled (most requests), the span only carries the trace's ids onward: no attributes to
    // build, nothing to end. The samplers we configure do not read attributes.
    if (span.isRecording()) {
      span.setAttributes({ 'http.request.method': req.method, 'url.path': req.originalUrl.split('?', 1)[0] ?? '' });
      res.once('close', () => {
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
    }
    context.with(trace.setSpan(parent, span), next);
  };
}

/** Names the request's span after its GraphQL operation (`query TaskPage`), once known. */
export function nameRequestSpan(operationType: string, operationName: string | undefined): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  span.updateName(`${operationType} ${operationName ?? 'anonymous'}`);
  span.setAttributes({ 'graphql.operation.type': operationType, 'graphql.operation.name': operationName ?? '' });
}
