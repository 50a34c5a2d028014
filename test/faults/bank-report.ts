import type { CheckResult } from './bank-checks.js';
import type { MoneyRecord } from './bank-history.js';
import type { SagaRecord } from './bank-sagas.js';
import type { FaultLog } from './nemesis.js';

function table(header: string[], body: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

function operationRows(money: readonly MoneyRecord[], sagas: readonly SagaRecord[]): (string | number)[][] {
  const rows = (['deposit', 'withdraw', 'send'] as const).map((kind) => {
    const of = money.filter((m) => m.kind === kind);
    const count = (pred: (m: MoneyRecord) => boolean) => of.filter(pred).length;
    return [
      kind,
      of.length,
      count((m) => m.status === 'acked'),
      count((m) => m.status === 'refused'),
      count((m) => m.attempts > 1),
      count((m) => m.replayed === true),
      [...new Set(of.filter((m) => m.status === 'refused').map((m) => m.code))].join(' ') || '—',
    ];
  });
  const stage = (s: SagaRecord['stage']) => sagas.filter((x) => x.stage === s).length;
  rows.push(['saga', sagas.length, stage('finished'), stage('declined'), 0, 0, `abandoned before money: ${stage('abandoned')}`]);
  return rows;
}

/** The run's table: operations attempted/acknowledged/failed, faults injected, invariants checked. */
export function bankReport(run: {
  seed: number;
  durationS: number;
  money: readonly MoneyRecord[];
  sagas: readonly SagaRecord[];
  faults: FaultLog;
  checks: readonly CheckResult[];
}): string {
  const plans = ['complete', 'cancel', 'auto-release', 'withdraw', 'dispute-split'].map((p) => `${p} ${run.sagas.filter((s) => s.plan === p && s.stage === 'finished').length}`).join(', ');
  return [
    `Nemesis bank test: ${run.durationS} s of workload, seed ${run.seed}`,
    '',
    table(['operation', 'attempted', 'acknowledged', 'refused (final)', 'retried with same key', 'answered as replay', 'refusal reasons'], operationRows(run.money, run.sagas)),
    `Sagas finished by plan: ${plans}. A saga is "refused" when its hold was declined (INSUFFICIENT_FUNDS).`,
    '',
    table(['fault injected', 'times'], [...run.faults.counts.entries()].sort().map(([k, v]) => [k, v])),
    '',
    table(['invariant after healing', 'result', 'detail'], run.checks.map((c) => [c.name, c.passed ? 'ok' : 'FAILED', c.detail.replaceAll('|', '/')])),
  ].join('\n');
}
