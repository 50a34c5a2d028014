/**
 * bench/cluster — the clustered stack (HAProxy over 2 gateways, 2 instances of each subgraph,
 * NATS ×3, Postgres primary + replica) beside the single stack, in one run, same data, same load:
 * requests/s of the public listing (anonymous `tasks`, served by the replica on the cluster) and
 * of `sendMoney` between distinct wallets, with each process kind's CPU per request.
 *
 *   npm run bench:cluster [-- --clients 16 --seconds 10 --rounds 2 --tasks 60 --no-results]
 *
 * Starts both stacks (the single one on a fresh database of the machine's Postgres), then runs
 * each operation on each stack in turn, round after round (single, cluster, single, cluster …).
 * Written to bench/RESULTS.md (section `cluster`).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { BenchUser } from './bench-client.js';
import { startCluster, startSingle, type Target } from './cluster/targets.js';
import { metricsText, sampleSum } from './process-metrics.js';
import { percentile, printTable } from './report.js';
import { machineLine, writeResultsSection } from './results-file.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    tasks: { type: 'string', default: '60' },
    'no-results': { type: 'boolean', default: false },
  },
});
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const TASKS = Number(values.tasks);

type OperationName = 'listing' | 'sendMoney';
/** The subgraph that does an operation's work (its CPU per request is reported beside the gateway's). */
const WORKER: Record<OperationName, string> = { listing: 'tasks', sendMoney: 'wallet' };
// `first` varies so identical in-flight requests are not merged by the gateway's dedup.
const LISTING = `query BenchListing($first: Int!) { tasks(first: $first) { edges { node { id title budget { amount currency } poster { name } } } } }`;

interface Sample {
  done: number;
  errors: number;
  seconds: number;
  latencies: number[];
  /** CPU seconds spent by every instance of the gateway and of the operation's subgraph. */
  cpu: { gateway: number; worker: number };
  load: number;
}

async function cpuSeconds(target: Target, service: string): Promise<number> {
  const texts = await Promise.all(target.instances(service).map((base) => metricsText(base, target.metricsToken)));
  return texts.reduce((sum, text) => sum + sampleSum(text, 'process_cpu_seconds_total'), 0);
}

async function oneRequest(target: Target, op: OperationName, i: number, pair: { payer: BenchUser; payee: BenchUser }): Promise<boolean> {
  if (op === 'sendMoney') return target.api.sendMoney(pair.payer, pair.payee, 1);
  const res = await target.api.call<{ tasks: { edges: unknown[] } }>(LISTING, { first: 10 + (i % 20) });
  return !res.errors?.length && (res.data?.tasks.edges.length ?? 0) > 0;
}

/** `CLIENTS` loops for `SECONDS`, each with its own pair of users. */
async function measure(target: Target, op: OperationName): Promise<Sample> {
  const before = { gateway: await cpuSeconds(target, 'gateway'), worker: await cpuSeconds(target, WORKER[op]) };
  const deadline = Date.now() + SECONDS * 1000;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    target.pairs.slice(0, CLIENTS).map(async (pair, c) => {
      for (let i = c; Date.now() < deadline; i += CLIENTS) {
        const t = performance.now();
        const ok = await oneRequest(target, op, i, pair).catch(() => false);
        if (ok) latencies.push(performance.now() - t);
        else errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = { gateway: await cpuSeconds(target, 'gateway'), worker: await cpuSeconds(target, WORKER[op]) };
  return { done: latencies.length, errors, seconds, latencies, cpu: { gateway: after.gateway - before.gateway, worker: after.worker - before.worker }, load: os.loadavg()[0] ?? 0 };
}

interface Row {
  op: OperationName;
  stack: Target['name'];
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  gatewayMs: number;
  workerMs: number;
  load: string;
}

function fold(op: OperationName, stack: Target['name'], samples: Sample[]): Row {
  const done = samples.reduce((n, s) => n + s.done, 0);
  const seconds = samples.reduce((n, s) => n + s.seconds, 0);
  const sorted = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const cpuMs = (pick: (s: Sample) => number) => (samples.reduce((n, s) => n + pick(s), 0) * 1000) / Math.max(done, 1);
  return {
    op,
    stack,
    perSecond: done / seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    errors: samples.reduce((n, s) => n + s.errors, 0),
    gatewayMs: cpuMs((s) => s.cpu.gateway),
    workerMs: cpuMs((s) => s.cpu.worker),
    load: samples.map((s) => s.load.toFixed(0)).join('→'),
  };
}

const HEAD = [
  '| operation | stack | requests/s | ratio to single | p50 / p99 ms | errors | gateway CPU ms/req (all instances) | subgraph CPU ms/req (all instances) | per gateway instance, req/s per core | load average (1 min) per round |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];

function line(row: Row, single: Row | undefined): string {
  const ratio = single ? (row.perSecond / single.perSecond).toFixed(2) : '—';
  const worker = `${WORKER[row.op]} ${row.workerMs.toFixed(1)}`;
  // What one gateway instance carries per core of its own, from its CPU per request.
  const perCore = row.gatewayMs > 0 ? (1000 / row.gatewayMs).toFixed(0) : '—';
  return `| ${row.op} | ${row.stack} | ${row.perSecond.toFixed(1)} | ${ratio} | ${row.p50.toFixed(0)} / ${row.p99.toFixed(0)} | ${row.errors} | ${row.gatewayMs.toFixed(1)} | ${worker} | ${perCore} | ${row.load} |`;
}

async function postgresVersion(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return ((await client.query<{ v: string }>(`SELECT split_part(version(), ' on ', 1) AS v`)).rows[0]?.v ?? 'PostgreSQL ?');
  } finally {
    await client.end();
  }
}

const startedAt = Date.now();
process.stdout.write(`bench:cluster — starting the single stack and the cluster (load average ${os.loadavg()[0]?.toFixed(0)})…\n`);
const targets: Target[] = [];
// Both at once (starting 30 processes takes minutes on a loaded machine); whichever started is stopped at the end.
const started = await Promise.allSettled([startSingle(CLIENTS, TASKS), startCluster(CLIENTS, TASKS)]);
for (const s of started) if (s.status === 'fulfilled') targets.push(s.value);
try {
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  process.stdout.write(`both up and seeded; measuring ${ROUNDS} rounds × 2 operations × 2 stacks × ${SECONDS} s\n`);
  const samples = new Map<string, Sample[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const op of ['listing', 'sendMoney'] as const) {
      for (const target of targets) {
        const sample = await measure(target, op);
        process.stdout.write(`round ${round + 1} ${op} ${target.name}: ${(sample.done / sample.seconds).toFixed(1)}/s, ${sample.errors} errors, load ${sample.load.toFixed(0)}\n`);
        samples.set(`${op}/${target.name}`, [...(samples.get(`${op}/${target.name}`) ?? []), sample]);
      }
    }
  }
  const rows = (['listing', 'sendMoney'] as const).flatMap((op) => targets.map((t) => fold(op, t.name, samples.get(`${op}/${t.name}`) ?? [])));
  const lines = rows.map((r) => line(r, rows.find((s) => s.op === r.op && s.stack === 'single')));
  printTable('bench/cluster', rows.map((r) => [`${r.op} ${r.stack}`, `${r.perSecond.toFixed(1)}/s, p50 ${r.p50.toFixed(0)} ms, gateway ${r.gatewayMs.toFixed(1)} CPU ms/req, ${WORKER[r.op]} ${r.workerMs.toFixed(1)}, errors ${r.errors}`]));
  const markdown = [
    '## The cluster beside the single stack (`npm run bench:cluster`)',
    '',
    machineLine(await postgresVersion(targets[0]?.databaseUrl ?? '')),
    '',
    `Single: one process per service on the machine's Postgres and NATS. Cluster: HAProxy over 2 gateways and 2 instances of each subgraph, a 3-node NATS cluster (streams R3), a Postgres primary with a streaming replica (the anonymous listing is read there). Both run on this one machine at once, with the same data (${TASKS} open tasks, ${CLIENTS * 2} users); ${CLIENTS} clients in this process, ${ROUNDS} rounds of ${SECONDS} s per operation and stack, interleaved. The run took ${((Date.now() - startedAt) / 60_000).toFixed(1)} min. listing: anonymous \`tasks(first: 10…29)\` with each poster's name; sendMoney: 1 cent between distinct wallets. CPU per request sums every instance's \`process_cpu_seconds_total\`; "per gateway instance" is 1,000 ÷ that figure: what one gateway core would carry at this CPU cost.`,
    '',
    ...HEAD,
    ...lines,
  ].join('\n');
  if (!values['no-results']) writeResultsSection('cluster', markdown);
  process.stdout.write(`\n${markdown}\n\n${values['no-results'] ? '' : 'written to bench/RESULTS.md\n'}`);
  if (rows.some((r) => r.errors > 0)) process.exitCode = 1;
} finally {
  for (const target of targets.reverse()) await target.stop().catch((err: unknown) => process.stderr.write(`stopping ${target.name}: ${String(err)}\n`));
}
