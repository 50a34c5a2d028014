/** Rounds of samples folded into one row per (operation, mix, gateway), with ratios to Hive. */
import type { Sample } from './measure.js';
import type { Mix, OperationKey } from './operations.js';

/** `ours-variant` runs only when the bench is asked to compare a setting (--variant). */
export type GatewayName = 'ours' | 'ours-variant' | 'hive' | 'stock-apollo';

export interface Row {
  operation: OperationKey;
  label: string;
  mix: Mix;
  gateway: GatewayName;
  rounds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  p99RangeMs: [number, number];
  errors: number;
  cpuMsPerRequest: number;
  cpuCores: number;
  rssMb: number;
  subgraphRequestsPerOperation: number;
  /** Mean over the rounds, by the operation name the subgraphs counted. */
  subgraphRequestsByName: Record<string, number>;
  /** This gateway's requests/s and p99 over Hive Gateway's in the same operation and mix. */
  rpsRatioToHive: number;
  p99RatioToHive: number;
  firstUnexpected?: string;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** Each name's mean over the rounds (a round without it counts 0). */
function meanByName(rounds: readonly Record<string, number>[]): Record<string, number> {
  const names = new Set(rounds.flatMap((r) => Object.keys(r)));
  return Object.fromEntries([...names].sort().map((name) => [name, mean(rounds.map((r) => r[name] ?? 0))]));
}

/** "KnownUser 0.12, PlaceBid__bids__0 1.00": where a row's subgraph requests per operation went. */
export function byNameLine(row: Pick<Row, 'subgraphRequestsByName'>): string {
  return Object.entries(row.subgraphRequestsByName)
    .map(([name, n]) => `${name} ${n.toFixed(2)}`)
    .join(', ');
}

export function foldSamples(base: Pick<Row, 'operation' | 'label' | 'mix' | 'gateway'>, samples: readonly Sample[]): Omit<Row, 'rpsRatioToHive' | 'p99RatioToHive'> {
  const p99s = samples.map((s) => s.p99Ms);
  return {
    ...base,
    rounds: samples.length,
    requestsPerSecond: mean(samples.map((s) => s.requestsPerSecond)),
    p50Ms: mean(samples.map((s) => s.p50Ms)),
    p99Ms: mean(p99s),
    p99RangeMs: [Math.min(...p99s), Math.max(...p99s)],
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    cpuMsPerRequest: mean(samples.map((s) => s.cpuMsPerRequest)),
    cpuCores: mean(samples.map((s) => s.cpuCores)),
    rssMb: Math.max(...samples.map((s) => s.rssMb)),
    subgraphRequestsPerOperation: mean(samples.map((s) => s.subgraphRequestsPerOperation)),
    subgraphRequestsByName: meanByName(samples.map((s) => s.subgraphRequestsByName)),
    firstUnexpected: samples.find((s) => s.firstUnexpected)?.firstUnexpected,
  };
}

/** Adds the ratios to Hive of the same operation and mix. */
export function withRatios(rows: readonly Omit<Row, 'rpsRatioToHive' | 'p99RatioToHive'>[]): Row[] {
  return rows.map((row) => {
    const hive = rows.find((r) => r.gateway === 'hive' && r.operation === row.operation && r.mix === row.mix);
    return {
      ...row,
      rpsRatioToHive: hive ? row.requestsPerSecond / hive.requestsPerSecond : Number.NaN,
      p99RatioToHive: hive ? row.p99Ms / hive.p99Ms : Number.NaN,
    };
  });
}

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

export const TABLE_HEAD = [
  '| operation | mix | gateway | req/s | p50 ms | p99 ms (range) | errors | CPU ms/req | CPU cores | RSS MB | subgraph req/op | req/s ÷ Hive | p99 ÷ Hive |',
  '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];

export function tableLine(row: Row): string {
  const cells = [
    row.label,
    row.mix,
    row.gateway,
    fixed(row.requestsPerSecond),
    fixed(row.p50Ms),
    `${fixed(row.p99Ms)} (${fixed(row.p99RangeMs[0])}–${fixed(row.p99RangeMs[1])})`,
    String(row.errors),
    fixed(row.cpuMsPerRequest, 2),
    fixed(row.cpuCores, 2),
    fixed(row.rssMb),
    fixed(row.subgraphRequestsPerOperation, 2),
    `${fixed(row.rpsRatioToHive, 2)}×`,
    `${fixed(row.p99RatioToHive, 2)}×`,
  ];
  return `| ${cells.join(' | ')} |`;
}
