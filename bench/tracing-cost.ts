/**
 * bench/tracing-cost — the CPU a request spends on tracing at the gateway, measured in one
 * process without the noise of a whole stack: a request's spans as the gateway makes them (the
 * SERVER span, Apollo's own request/plan/execute spans, one CLIENT span and one injected
 * `traceparent` per subgraph fetch), first with tracing off (the no-op API), then on with the
 * parent-based 10 % sampler exporting over OTLP/HTTP to a local sink.
 *
 *   npm run bench:tracing-cost [-- --requests 20000 --fetches 4]
 *
 * Written to bench/RESULTS.md (section `tracing-cost`), beside bench:gateway's CPU ms per request.
 */
import { parseArgs } from 'node:util';
import { SpanKind, currentTraceparent, flushTraces, inSpan, startTracing, tracer } from '@sx/runtime';
import { startOtlpSink } from './gateway/otlp-sink.js';
import { machineLine, writeResultsSection } from './results-file.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '20000' }, fetches: { type: 'string', default: '4' }, 'no-results': { type: 'boolean', default: false } } });
const REQUESTS = Number(values.requests);
const FETCHES = Number(values.fetches);

/** One gateway request's tracing work; the awaits stand where the gateway awaits its subgraphs. */
async function oneRequest(): Promise<void> {
  await inSpan('gateway POST /graphql', { kind: SpanKind.SERVER }, async (span) => {
    span.updateName('query TaskPage');
    span.setAttributes({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'TaskPage' });
    // @apollo/gateway's own spans under ours (request, plan, execute).
    for (const name of ['gateway.request', 'gateway.plan', 'gateway.execute']) tracer().startSpan(name).end();
    for (let i = 0; i < FETCHES; i++) {
      await inSpan(`fetch sub${i}`, { kind: SpanKind.CLIENT, attributes: { 'sx.subgraph': `sub${i}` } }, async () => {
        const headers: Record<string, string> = {};
        const traceparent = currentTraceparent();
        if (traceparent) headers.traceparent = traceparent;
        await Promise.resolve(headers);
      });
    }
  });
}

/** CPU microseconds per request over `count` requests (after a warm-up of a tenth). */
async function cpuPerRequest(count: number): Promise<number> {
  for (let i = 0; i < count / 10; i++) await oneRequest();
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await oneRequest();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

const sink = await startOtlpSink();
const offUs = await cpuPerRequest(REQUESTS);
process.env.OTEL_EXPORTER_OTLP_ENDPOINT = sink.endpoint;
process.env.OTEL_TRACES_SAMPLER = 'parentbased_traceidratio';
process.env.OTEL_TRACES_SAMPLER_ARG = '0.1';
// A queue that holds every sampled span, so the figure includes exporting all of them (the
// default 2048 would drop spans in this tight loop and flatter the result).
process.env.OTEL_BSP_MAX_QUEUE_SIZE = '200000';
process.env.OTEL_BSP_SCHEDULE_DELAY = '200';
process.env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE = '10000';
const tracing = startTracing('tracing-cost');
const onUs = await cpuPerRequest(REQUESTS);
await flushTraces();
// The export happens on the batch processor's timer: its CPU is inside the measured window
// only for what ran during it, so the spans sent are given beside the figure.
await tracing.shutdown();
await sink.close();

const lines = [
  '## Tracing cost per gateway request (`npm run bench:tracing-cost`)',
  '',
  machineLine('no database'),
  '',
  `${REQUESTS.toLocaleString('en')} requests, each a SERVER span, Apollo's three spans and ${FETCHES} subgraph fetches (a CLIENT span and an injected traceparent each), in one process, on the same CPU-time clock.`,
  '',
  '| tracing | CPU µs per request | spans exported |',
  '| --- | ---: | ---: |',
  `| off (no endpoint: the no-op API) | ${offUs.toFixed(1)} | 0 |`,
  `| on, parentbased_traceidratio 0.1, OTLP/HTTP | ${onUs.toFixed(1)} | ${sink.spans().toLocaleString('en')} |`,
  '',
  `Tracing adds ${(onUs - offUs).toFixed(1)} µs of CPU per request — an upper bound: the OTLP sink runs in the same process, so decoding the exported JSON is counted too. Against our gateway's own CPU per request in bench:gateway (1.0–4.3 ms on an idle machine, section gateway) that is ${((100 * (onUs - offUs)) / 4300).toFixed(1)}–${((100 * (onUs - offUs)) / 1000).toFixed(1)} %: the requests/s a CPU-bound gateway loses.`,
].join('\n');
process.stdout.write(`${lines}\n`);
if (!values['no-results']) writeResultsSection('tracing-cost', lines);
