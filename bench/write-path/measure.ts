import os from 'node:os';
import type { RunningStack } from '@sx/stack';
import type { BenchClient, BenchUser } from '../bench-client.js';
import { perOperation, settleStats, snapshotCounters, type PerOperation } from './db-counters.js';
import { placeBid, postTask, SAGA_OPS } from './saga-load.js';
import type { StateWatcher } from './state-watcher.js';
import { sampleActivity, type ActivityShares } from './activity-sampler.js';
import { cpuMark, machineCpuSince, type MachineCpu } from '../machine-cpu.js';
import { cpuByProcess, cpuDelta, servicesCpuMs } from './cpu-by-process.js';

export const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(1)).join(' / ');

/** The processes whose CPU per send the send phases report (the request path). */
const CPU_OF = ['gateway', 'wallet'] as const;

/** Runs `clients` loops for `seconds`, each sending 1 cent from its payer to `payeeOf(i)`. */
export async function sendLoad(
  api: BenchClient,
  opts: { payers: BenchUser[]; payeeOf: (i: number) => BenchUser; seconds: number; databaseUrl: string; stack: RunningStack },
): Promise<{ tps: number; errors: number; refusals: Record<string, number>; load: string; activity: ActivityShares; cpuMsPerSend: Record<string, number>; machine: MachineCpu }> {
  const sampler = sampleActivity(opts.databaseUrl);
  const cpuBefore = await servicesCpuMs(opts.stack, CPU_OF);
  const machineBefore = cpuMark();
  const deadline = Date.now() + opts.seconds * 1000;
  let done = 0;
  let errors = 0;
  const refusals = new Map<string, number>();
  const start = performance.now();
  await Promise.all(
    opts.payers.map(async (payer, i) => {
      while (Date.now() < deadline) {
        const refusal = await api.sendMoneyRefusal(payer, opts.payeeOf(i), 1);
        if (refusal === null) done += 1;
        else {
          errors += 1;
          refusals.set(refusal, (refusals.get(refusal) ?? 0) + 1);
        }
      }
    }),
  );
  const tps = done / ((performance.now() - start) / 1000);
  const machine = machineCpuSince(machineBefore, done);
  const cpuMsPerSend = Object.fromEntries(cpuDelta(cpuBefore, await servicesCpuMs(opts.stack, CPU_OF), Math.max(done, 1)));
  return { tps, errors, refusals: Object.fromEntries(refusals), load: loadAverage(), activity: await sampler.stop(), cpuMsPerSend, machine };
}

/** Counted per operation, plus the whole machine's CPU for one (idle burn taken off). */
export type CountedOperation = PerOperation & { machineCpuMs: number; cpuByProcess: [string, number][]; idleMachineCpuMsPerSecond: number };

interface CountRun {
  databaseUrl: string;
  stack: RunningStack;
  prefix: string;
  count: number;
}

/**
 * Commits and statements of `count` operations run one at a time, less what the stack commits
 * idle over a window of the same length (jobs, health checks) and the watcher's own reads.
 */
async function countOperations(run: CountRun, body: () => Promise<void>, watcherStatements: () => number): Promise<CountedOperation> {
  // Whatever earlier phases set off (relays, consumers) finishes and is reported first.
  await settleStats();
  const idleStart = await snapshotCounters(run.databaseUrl, run.stack, run.prefix);
  const machineStart = cpuMark();
  const processesStart = await cpuByProcess(run.stack);
  const started = performance.now();
  await body();
  const watched = watcherStatements();
  await settleStats();
  const elapsed = performance.now() - started;
  const machineBusy = machineCpuSince(machineStart, 1).msPerOperation;
  const processesAfter = await cpuByProcess(run.stack);
  const after = await snapshotCounters(run.databaseUrl, run.stack, run.prefix);
  const machineIdleStart = cpuMark();
  await new Promise((r) => setTimeout(r, elapsed));
  const machineIdle = machineCpuSince(machineIdleStart, 1).msPerOperation;
  const processesIdle = await cpuByProcess(run.stack);
  const idleEnd = await snapshotCounters(run.databaseUrl, run.stack, `${run.prefix}-none`);
  const idleCommits = idleEnd.commits - after.commits;
  const idleBackground = idleEnd.backgroundStatements - after.backgroundStatements;
  const measured = perOperation(idleStart, after, run.count);
  const backgroundByService = Object.fromEntries(
    Object.entries(after.backgroundByService).map(([s, n]) => {
      const idle = (idleEnd.backgroundByService[s] ?? 0) - n;
      return [s, (n - (idleStart.backgroundByService[s] ?? 0) - idle) / run.count] as const;
    }),
  );
  return {
    ...measured,
    backgroundByService,
    commits: (after.commits - idleStart.commits - idleCommits - watched) / run.count,
    backgroundStatements: (after.backgroundStatements - idleStart.backgroundStatements - idleBackground) / run.count,
    // The idle window is as long as the measured one, so what the stack burns idle comes off whole.
    machineCpuMs: (machineBusy - machineIdle) / run.count,
    idleMachineCpuMsPerSecond: machineIdle / (elapsed / 1000),
    // Per process, the same way: the measured window less an idle window as long.
    cpuByProcess: cpuDelta(processesStart, processesAfter, run.count).map(([name, ms]) => {
      const idle = ((processesIdle[name] ?? 0) - (processesAfter[name] ?? 0)) / run.count;
      return [name, ms - idle] as [string, number];
    }),
  };
}

/** Statements and commits of one sendMoney, from `count` sends one at a time. */
export function countSends(run: CountRun, api: BenchClient, payer: BenchUser, payee: BenchUser): Promise<CountedOperation> {
  return countOperations(
    run,
    async () => {
      for (let i = 0; i < run.count; i++) {
        if (!(await api.sendMoney(payer, payee, 1, run.prefix))) throw new Error('a counted send failed');
      }
    },
    () => 0,
  );
}

/**
 * Statements and commits of one acceptBid and the saga steps it sets off, up to the bid
 * ACCEPTED and the task ASSIGNED, from `count` accepts one at a time.
 */
export async function countAccepts(run: CountRun, api: BenchClient, watch: StateWatcher, pair: { poster: BenchUser; tasker: BenchUser }): Promise<CountedOperation> {
  const ready: { taskId: string; bidId: string }[] = [];
  for (let i = 0; i < run.count; i++) {
    const taskId = await postTask(api, pair.poster, `Counted ${i}`);
    ready.push({ taskId, bidId: await placeBid(api, pair.tasker, taskId) });
  }
  const before = watch.statements();
  const accept = SAGA_OPS.accept.replace('BenchAcceptBid', run.prefix);
  return countOperations(
    run,
    async () => {
      for (const { taskId, bidId } of ready) {
        await api.ok(accept, { id: bidId }, pair.poster.token);
        await Promise.all([watch.until('bid-accepted', bidId), watch.until('task-assigned', taskId)]);
      }
    },
    () => watch.statements() - before,
  );
}
