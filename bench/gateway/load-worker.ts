/**
 * The load generator, in its own process so it never shares a gateway's event loop. The bench
 * forks it once (load-client.ts) and sends it one job at a time over IPC; for each job it sends
 * the job's requests in turn (each connection takes the next one) for `seconds` and answers with
 * requests/s, latency percentiles and what did not answer as expected.
 */
// autocannon ships no types (autocannon.d.ts); the fields read are typed in load-types.ts.
import autocannon from 'autocannon';
import type { AutocannonResult, LoadJob, LoadResult } from './load-types.js';

async function runJob(job: LoadJob): Promise<LoadResult> {
  let next = 0;
  let answered = 0;
  let unexpected = 0;
  let firstUnexpected: string | undefined;
  // A refused document must come back with errors; every other request with data and no errors.
  const check = (status: number, body: string) => {
    answered += 1;
    const hasErrors = body.includes('"errors"');
    if (job.expect === 'refused' ? hasErrors : status === 200 && !hasErrors) return;
    unexpected += 1;
    firstUnexpected ??= `${status} ${body.slice(0, 300)}`;
  };
  const started = performance.now();
  const result = (await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    method: 'POST',
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => {
          const template = job.requests[next % job.requests.length];
          next += 1;
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (template?.token) headers['authorization'] = `Bearer ${template.token}`;
          return { ...request, method: 'POST', body: template?.body, headers };
        },
        onResponse: check,
      },
    ],
  })) as AutocannonResult;
  const seconds = (performance.now() - started) / 1000;
  return {
    requestsPerSecond: answered / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    answered,
    unexpected,
    transportErrors: result.errors + result.timeouts,
    sent: next,
    firstUnexpected,
  };
}

process.on('message', (job: LoadJob) => {
  runJob(job).then(
    (result) => process.send?.({ ok: true, result }),
    (err: unknown) => process.send?.({ ok: false, error: String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
