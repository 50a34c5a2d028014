import pg from 'pg';
import { percentile } from '../report.js';
import { machineLine, writeResultsSection } from '../results-file.js';
import type { PerOperation } from './db-counters.js';
import type { CountedOperation } from './measure.js';
import { formatMachineCpu, type MachineCpu } from '../machine-cpu.js';
import { formatShares, type ActivityShares } from './activity-sampler.js';
import type { PgbenchRun } from './pgbench.js';
import type { SagaRun } from './saga-load.js';

type Loaded<T> = T & { load: string };

interface SendRun {
  tps: number;
  errors: number;
  /** Failed sends by the error's reason or code. */
  refusals: Record<string, number>;
  activity: ActivityShares;
  /** CPU milliseconds each process spent per send. */
  cpuMsPerSend: Record<string, number>;
  machine: MachineCpu;
}

const cpu = (r: SendRun) =>
  Object.entries(r.cpuMsPerSend)
    .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
    .join(', ');

export interface MoneyFigures {
  clients: number;
  perSend: CountedOperation;
  perAccept: CountedOperation;
  distinct: Loaded<SendRun>;
  hotPayee: Loaded<SendRun>;
  bids: Loaded<{ perSecond: number; errors: number; bids: number }>;
  serial: Loaded<SagaRun>;
  concurrent: Loaded<SagaRun>;
  /** Mean ms of each hop of acceptBid → ASSIGNED during the concurrent sagas (saga-hops.ts). */
  concurrentHops: string;
  tpcb: Loaded<PgbenchRun>;
  drift: number;
  negative: number;
}

const byService = (p: PerOperation) =>
  Object.entries(p.statementsByService)
    .map(([s, n]) => `${s} ${n.toFixed(1)}`)
    .join(', ');

const backgroundByService = (p: PerOperation) =>
  Object.entries(p.backgroundByService)
    .filter(([, n]) => Math.abs(n) >= 0.05)
    .sort(([, a], [, b]) => b - a)
    .map(([s, n]) => `${s} ${n.toFixed(1)}`)
    .join(', ');

const byProcess = (p: CountedOperation) =>
  [...p.cpuByProcess]
    .sort(([, a], [, b]) => b - a)
    .filter(([, ms]) => Math.abs(ms) >= 0.05)
    .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
    .join(', ');

function countRows(what: string, p: CountedOperation): [string, string][] {
  return [
    [`${what}: the whole machine's CPU ms (every process: services, Postgres, NATS, the bench; one at a time, idle burn taken off)`, p.machineCpuMs.toFixed(1)],
    [`${what}: CPU ms by process (the same way)`, byProcess(p)],
    [`${what}: the idle stack's own CPU meanwhile (ms per second, all processes)`, p.idleMachineCpuMsPerSecond.toFixed(0)],
    [`${what}: statements while serving it (${byService(p)})`, p.requestStatements.toFixed(1)],
    [`${what}: background statements it set off (relay, consumers: ${backgroundByService(p)})`, p.backgroundStatements.toFixed(1)],
    [`${what}: commits in Postgres (pg_stat_database, idle rate taken off)`, p.commits.toFixed(1)],
  ];
}

function sagaRows(label: string, run: Loaded<SagaRun>): [string, string][] {
  const l = run.acceptLatencies;
  return [
    [`acceptBid → ASSIGNED, ${label}: p50 / p99 / max ms (n=${l.length}; load ${run.load})`, `${percentile(l, 0.5)} / ${percentile(l, 0.99)} / ${l.at(-1)}`],
    [`whole sagas per second, ${label} (post → … → RELEASED)`, (run.sagas / run.seconds).toFixed(1)],
    [`the machine's CPU, ${label} (${run.machine.cores} cores)`, formatMachineCpu(run.machine, 'whole saga')],
  ];
}

function failedSends(f: MoneyFigures): string {
  const total = f.distinct.errors + f.hotPayee.errors;
  const why = Object.entries({ ...f.distinct.refusals }).concat(Object.entries(f.hotPayee.refusals)).map(([r, n]) => `${r} ${n}`);
  return total === 0 ? '0' : `${total} (${why.join(', ')})`;
}

export function moneyRows(f: MoneyFigures): [string, string][] {
  const tpcb = f.tpcb.tps;
  return [
    ['clients', String(f.clients)],
    [`sendMoney/s, distinct wallets (load ${f.distinct.load})`, f.distinct.tps.toFixed(0)],
    [`sendMoney/s, one hot payee (load ${f.hotPayee.load})`, f.hotPayee.tps.toFixed(0)],
    ['Postgres backends during the distinct-wallet sends', formatShares(f.distinct.activity)],
    ['Postgres backends during the hot-payee sends', formatShares(f.hotPayee.activity)],
    ['CPU ms per send, distinct wallets', cpu(f.distinct)],
    ['CPU ms per send, hot payee', cpu(f.hotPayee)],
    [`the machine's CPU during the distinct-wallet sends (${f.distinct.machine.cores} cores)`, formatMachineCpu(f.distinct.machine, 'send')],
    [`the machine's CPU during the hot-payee sends (${f.hotPayee.machine.cores} cores)`, formatMachineCpu(f.hotPayee.machine, 'send')],
    ['failed sends (must be 0)', failedSends(f)],
    [`pgbench TPC-B tps (-s ${f.tpcb.scale} -c ${f.tpcb.clients} -T ${f.tpcb.seconds}; load ${f.tpcb.load})`, tpcb.toFixed(0)],
    ['ratio distinct / TPC-B (goal ≥ 0.15)', (f.distinct.tps / tpcb).toFixed(3)],
    ['ratio hot payee / TPC-B (goal ≥ 0.10)', (f.hotPayee.tps / tpcb).toFixed(3)],
    ...countRows('per sendMoney', f.perSend),
    ...countRows('per acceptBid (to bid ACCEPTED + task ASSIGNED)', f.perAccept),
    [`placeBid/s (${f.bids.bids} bids; load ${f.bids.load})`, f.bids.perSecond.toFixed(0)],
    ['placeBid errors (must be 0)', String(f.bids.errors)],
    ...sagaRows('1 saga at a time', f.serial),
    ...sagaRows(`${f.concurrent.concurrency} sagas at once`, f.concurrent),
    [`mean ms per hop, ${f.concurrent.concurrency} sagas at once: event written → consumer committed (of it: written → published)`, f.concurrentHops],
    ['ledger drift (sum of all accounts per currency; must be 0)', String(f.drift)],
    ['accounts below zero (must be 0)', String(f.negative)],
  ];
}

/** Prints nothing; returns the rows, and writes them to bench/RESULTS.md unless told not to. */
export async function writeMoneyResults(f: MoneyFigures, opts: { write: boolean; databaseUrl: string }): Promise<[string, string][]> {
  const rows = moneyRows(f);
  if (!opts.write) return rows;
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 1 });
  const version = (await pool.query<{ v: string }>(`SELECT split_part(version(), ' ', 1) || ' ' || split_part(version(), ' ', 2) AS v`)).rows[0]?.v ?? '';
  await pool.end();
  const table = ['| figure | value |', '| --- | ---: |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
  writeResultsSection('money', ['## Write path: money, bids and the saga (`npm run bench:money`)', '', machineLine(version), '', ...table].join('\n'));
  return rows;
}
