/**
 * bench/tracing-cost — the CPU a request spends on tracing at the gateway, measured without the
 * noise of a whole stack: a request as the gateway traces it — our SERVER span middleware
 * (traceRequests), @apollo/gateway's own spans (request, validate, plan, execute, one fetch span
 * per subgraph — omitted, as the gateway omits it — postprocessing, from its tracer), our CLIENT span and injected `traceparent` per
 * fetch, and the request's log line with the trace-id mixin — in three child processes (a tracer
 * provider is global to a process):
 *
 *   off        no endpoint: OpenTelemetry's no-op API, what a gateway without tracing pays
 *   unsampled  tracing on, parentbased_traceidratio 0: what each request a sampler leaves out pays
 *   ratio 0.1  tracing on, parentbased_traceidratio 0.1: the average with 10 % recorded and exported
 *
 * Each child's CPU time covers its requests and the export of their spans (flushed before the
 * clock stops); the OTLP sink that decodes them runs in this parent, outside the figure. Modes run
 * in turn, `--rounds` times, and the lowest figure per mode is kept (the least disturbed).
 *
 *   npm run bench:tracing-cost [-- --requests 20000 --fetches 4 --rounds 2]
 *
 * Written to bench/RESULTS.md (section `tracing-cost`), beside bench:gateway's CPU ms per request.
 */
import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { trace } from '@opentelemetry/api';
import { pino } from 'pino';
import { currentTraceparent, flushTraces, inSpan, nameRequestSpan, SpanKind, startTracing, traceFields, traceRequests } from '@sx/runtime';
import { APOLLO_DUPLICATE_SPANS } from '../gateway/src/tracing.js';
import { startOtlpSink } from './gateway/otlp-sink.js';
import { machineLine, writeResultsSection } from './results-file.js';

const MODES = {
  off: { label: 'off (no endpoint: the no-op API)', ratio: undefined },
  unsampled: { label: 'on, every request unsampled (parentbased_traceidratio 0)', ratio: '0' },
  ratio: { label: 'on, parentbased_traceidratio 0.1, OTLP/HTTP', ratio: '0.1' },
} as const;
type Mode = keyof typeof MODES;

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    fetches: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '2' },
    /** Set by this script for its children: measure one mode and print the CPU µs per request. */
    mode: { type: 'string' },
    'no-results': { type: 'boolean', default: false },
  },
});
const REQUESTS = Number(values.requests);
const FETCHES = Number(values.fetches);

/** One gateway request's tracing work, through the same functions the gateway calls. */
function requestRunner(): () => Promise<void> {
  const serverSpan = traceRequests('gateway', { trustParent: false });
  const apollo = trace.getTracer('apollo/gateway-js');
  const log = pino({ base: { service: 'gateway' }, timestamp: pino.stdTimeFunctions.isoTime, mixin: traceFields }, pino.destination({ dest: '/dev/null', sync: true }));
  const fetch = (i: number) =>
    apollo.startActiveSpan('gateway.fetch', { attributes: { service: `sub${i}` } }, async (fetchSpan) => {
      await inSpan(`fetch sub${i}`, { kind: SpanKind.CLIENT, attributes: { 'sx.subgraph': `sub${i}` } }, async () => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        const traceparent = currentTraceparent();
        if (traceparent) headers.traceparent = traceparent;
        await Promise.resolve(headers); // where the gateway awaits the subgraph
      });
      fetchSpan.end();
    });
  const served = async () => {
    nameRequestSpan('query', 'TaskPage');
    await apollo.startActiveSpan('gateway.request', { attributes: { 'graphql.operation.name': 'TaskPage' } }, async (request) => {
      apollo.startActiveSpan('gateway.validate', (span) => span.end());
      apollo.startActiveSpan('gateway.plan', (span) => span.end());
      await apollo.startActiveSpan('gateway.execute', async (execute) => {
        for (let i = 0; i < FETCHES; i++) await fetch(i);
        apollo.startActiveSpan('gateway.postprocessing', (span) => span.end());
        execute.end();
      });
      request.end();
    });
    log.info({ operationType: 'query', operationName: 'TaskPage', outcome: 'ok', ms: 3 }, 'graphql request');
  };
  return async () => {
    const req = { method: 'POST', baseUrl: '/graphql', path: '/', originalUrl: '/graphql', headers: {} };
    const res = Object.assign(new EventEmitter(), { statusCode: 200 });
    await new Promise<void>((resolve, reject) => {
      // The middleware's `next` runs the rest of the request inside its span's context.
      serverSpan(req as never, res as never, () => void served().then(resolve, reject));
    });
    res.emit('close');
  };
}

/** In a child: CPU µs per request over REQUESTS requests (after a warm-up of a tenth), export included. */
async function measureMode(): Promise<number> {
  // As the gateway starts it: @apollo/gateway's gateway.fetch is omitted (ours is the fetch's span).
  const tracing = startTracing('tracing-cost', { omitSpans: APOLLO_DUPLICATE_SPANS });
  const oneRequest = requestRunner();
  for (let i = 0; i < REQUESTS / 10; i++) await oneRequest();
  await flushTraces();
  const before = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i++) await oneRequest();
  await flushTraces();
  const used = process.cpuUsage(before);
  await tracing.shutdown();
  return (used.user + used.system) / REQUESTS;
}

async function runChild(mode: Mode, endpoint: string): Promise<number> {
  const ratio = MODES[mode].ratio;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('OTEL_')) delete env[name];
  if (ratio !== undefined) {
    Object.assign(env, {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: ratio,
      // A queue that holds every sampled span, so the figure includes exporting all of them (the
      // default 2048 would drop spans in this tight loop and flatter the result).
      OTEL_BSP_MAX_QUEUE_SIZE: '200000',
      OTEL_BSP_SCHEDULE_DELAY: '200',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '10000',
    });
  }
  const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--mode', mode, '--requests', String(REQUESTS), '--fetches', String(FETCHES)];
  const { stdout } = await promisify(execFile)(process.execPath, args, { env, maxBuffer: 1 << 20 });
  return Number(JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null'));
}

if (values.mode) {
  process.stdout.write(`${JSON.stringify(await measureMode())}\n`);
} else {
  const sink = await startOtlpSink();
  const best = new Map<Mode, number>();
  const spans = new Map<Mode, number>();
  const load = loadavg()[0]?.toFixed(1);
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const mode of Object.keys(MODES) as Mode[]) {
      const before = sink.spans();
      const us = await runChild(mode, sink.endpoint);
      spans.set(mode, sink.spans() - before);
      best.set(mode, Math.min(us, best.get(mode) ?? Infinity));
      process.stdout.write(`round ${round + 1} ${mode}: ${us.toFixed(1)} µs/request, ${sink.spans() - before} spans\n`);
    }
  }
  await sink.close();
  const off = best.get('off') ?? 0;
  const cost = (mode: Mode) => (best.get(mode) ?? 0) - off;
  // Against our gateway's own CPU per request in bench:gateway (1.0–4.3 ms on an idle machine).
  const share = (us: number) => `${((100 * us) / 4300).toFixed(1)}–${((100 * us) / 1000).toFixed(1)} %`;
  const lines = [
    '## Tracing cost per gateway request (`npm run bench:tracing-cost`)',
    '',
    machineLine('no database'),
    '',
    `${REQUESTS.toLocaleString('en')} requests per mode, each through our SERVER span middleware, @apollo/gateway's spans (request, validate, plan, execute, postprocessing; its ${FETCHES} fetch spans omitted, as at the gateway) and ${FETCHES} subgraph fetches of ours (a CLIENT span and an injected traceparent each), plus the request's log line with the trace-id mixin; each mode in its own process, its CPU time including the export of its spans (the OTLP sink runs in the parent). Lowest of ${values.rounds} rounds per mode; ${cpus().length} cores, load average ${load} at the start.`,
    '',
    '| tracing | CPU µs per request | added by tracing | spans exported |',
    '| --- | ---: | ---: | ---: |',
    ...(Object.keys(MODES) as Mode[]).map((mode) => `| ${MODES[mode].label} | ${(best.get(mode) ?? 0).toFixed(1)} | ${mode === 'off' ? '—' : cost(mode).toFixed(1)} | ${(spans.get(mode) ?? 0).toLocaleString('en')} |`),
    '',
    `An unsampled request pays ${cost('unsampled').toFixed(1)} µs of CPU for tracing, and with 10 % sampled the average is ${cost('ratio').toFixed(1)} µs. Against our gateway's own CPU per request in bench:gateway (1.0–4.3 ms on an idle machine, section gateway) that is ${share(cost('unsampled'))} and ${share(cost('ratio'))}: the requests/s a CPU-bound gateway loses.`,
  ].join('\n');
  process.stdout.write(`\n${lines}\n`);
  if (!values['no-results']) writeResultsSection('tracing-cost', lines);
}
