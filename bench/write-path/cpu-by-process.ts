/**
 * CPU milliseconds used so far, by process: every service of the stack (its own /metrics),
 * Postgres (all its processes: backends, walwriter, checkpointer…), nats-server and this bench.
 * Deltas between two snapshots say where an operation's CPU went.
 */
import { readdir, readFile } from 'node:fs/promises';
import type { RunningStack } from '@sx/stack';
import { cpuMs } from '../gateway/processes.js';
import { metricsText, sampleSum } from '../process-metrics.js';

/** The command name of a process (/proc/<pid>/comm), or null once it has gone. */
async function commandOf(pid: string): Promise<string | null> {
  return readFile(`/proc/${pid}/comm`, 'utf8').then(
    (c) => c.trim(),
    () => null,
  );
}

/** Summed CPU of every process whose command name starts with `prefix` (processes that exit in between drop out). */
async function cpuOfCommand(prefix: string): Promise<number> {
  let total = 0;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    if (!(await commandOf(pid))?.startsWith(prefix)) continue;
    total += await cpuMs(Number(pid)).catch(() => 0);
  }
  return total;
}

export type CpuByProcess = Record<string, number>;

/** CPU ms the stack's services have used so far, by their own /metrics: all of them, or those named. */
export async function servicesCpuMs(stack: RunningStack, only?: readonly string[]): Promise<CpuByProcess> {
  const out: CpuByProcess = {};
  for (const [name, proc] of stack.processes) {
    if (only && !only.includes(name)) continue;
    out[name] = sampleSum(await metricsText(proc.baseUrl, stack.secrets.metricsToken), 'process_cpu_seconds_total') * 1000;
  }
  return out;
}

export async function cpuByProcess(stack: RunningStack): Promise<CpuByProcess> {
  const out = await servicesCpuMs(stack);
  out.postgres = await cpuOfCommand('postgres');
  out['nats-server'] = await cpuOfCommand('nats-server');
  const own = process.cpuUsage();
  out.bench = (own.user + own.system) / 1000;
  return out;
}

/** (b − a) per operation, by process. */
export function cpuDelta(a: CpuByProcess, b: CpuByProcess, operations: number): [string, number][] {
  return Object.keys(b).map((name) => [name, ((b[name] ?? 0) - (a[name] ?? 0)) / operations] as [string, number]);
}
