import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { isRecording, tracer } from './tracing.js';

/** Statement text kept on a span; enough to recognise the query, bounded so spans stay small. */
const MAX_STATEMENT_CHARS = 500;

function ended(span: Span, err: unknown): void {
  if (err) span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
  span.end();
}

/**
 * A CLIENT span for one pg `query` call inside a traced piece of work (a request, a consumed
 * event); untraced work (no recording span) pays one check. pg's query comes in callback and
 * promise forms — the pool itself uses the callback form — so the span ends on whichever settles.
 */
export function traceQuery(text: string, args: unknown[], run: (args: unknown[]) => unknown): unknown {
  if (!isRecording()) return run(args);
  const verb = text.trimStart().split(/\s/, 1)[0]?.toUpperCase() ?? 'SQL';
  const span = tracer().startSpan(`pg ${verb}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'db.system.name': 'postgresql', 'db.query.text': text.slice(0, MAX_STATEMENT_CHARS) },
  });
  const last = args.length - 1;
  const callback = args[last];
  if (typeof callback === 'function') {
    const traced = [...args];
    traced[last] = (err: unknown, result: unknown) => {
      ended(span, err);
      (callback as (err: unknown, result: unknown) => void)(err, result);
    };
    return run(traced);
  }
  const result = run(args);
  if (result && typeof (result as Promise<unknown>).then === 'function') {
    (result as Promise<unknown>).then(() => ended(span, null), (err: unknown) => ended(span, err));
  } else {
    span.end(); // a Submittable (cursor, stream): its end is not observed here
  }
  return result;
}
