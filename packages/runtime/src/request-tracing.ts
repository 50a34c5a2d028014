import type { RequestHandler } from 'express';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { unsampledRemote } from './front-sampling.js';
import { frontSampling, tracer, tracingStarted } from './tracing.js';

/**
 * A SERVER span around each HTTP request, active while it is served, so everything the request
 * does (fetches, SQL, outbox writes) hangs below it. `trustParent`: continue the caller's trace
 * from its `traceparent` header — subgraphs trust the gateway's; the public gateway starts its own
 * trace, so no client can choose trace ids or force sampling on.
 */
export function traceRequests(service: string, opts: { trustParent: boolean }): RequestHandler {
  return (req, res, next) => {
    if (!tracingStarted()) return next();
    const front = frontSampling();
    let rootTraceId: string | undefined;
    if (front) {
      // Decided before any span (front-sampling.ts): a request left out runs in a ready context
      // of its trace's ids and never reaches the SDK; the rest go on below as without a front.
      const traceparent = opts.trustParent ? req.headers.traceparent : undefined;
      if (traceparent === undefined) {
        const root = front.root();
        if ('unsampled' in root) return context.with(root.unsampled, next);
        rootTraceId = root.sampledTraceId;
      } else {
        const remote = unsampledRemote(traceparent, req.headers.tracestate);
        if (remote) return context.with(remote, next);
      }
    }
    const parent = opts.trustParent ? propagation.extract(ROOT_CONTEXT, req.headers) : ROOT_CONTEXT;
    const name = `${service} ${req.method} ${req.baseUrl || req.path}`;
    const start = () => tracer().startSpan(name, { kind: SpanKind.SERVER }, parent);
    const span = front && rootTraceId !== undefined ? front.ids.withTraceId(rootTraceId, start) : start();
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

// For the log line of a request answered outside any trace of ours (the gateway's repeated
// refusals): the public gateway never continues a client's trace, but the caller's id still
// finds its request in the logs.
export { traceIdOf } from './front-sampling.js';
