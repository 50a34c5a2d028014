/**
 * The whole machine's CPU over a phase, from /proc/stat: every process (services, Postgres, NATS,
 * the bench's own clients). It says whether a phase was CPU-bound — then its rate is cores ÷ CPU
 * per operation, whatever the database could do — and what one operation costs in total.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { TICKS_PER_SECOND } from './gateway/processes.js';

export interface CpuMark {
  busyTicks: number;
  allTicks: number;
}

/** Jiffies since boot on all cores: busy (user, nice, system, irq, softirq, steal) and all. */
export function cpuMark(): CpuMark {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  const busyTicks = user + nice + system + irq + softirq + steal;
  return { busyTicks, allTicks: busyTicks + idle + iowait };
}

export interface MachineCpu {
  /** Busy share of all cores over the phase, 0–1. */
  busyShare: number;
  /** Busy CPU milliseconds of the whole machine per operation. */
  msPerOperation: number;
  cores: number;
}

/** The machine's CPU since `before`, per one of `operations`. */
export function machineCpuSince(before: CpuMark, operations: number): MachineCpu {
  const now = cpuMark();
  const busy = now.busyTicks - before.busyTicks;
  const all = now.allTicks - before.allTicks;
  return { busyShare: all > 0 ? busy / all : 0, msPerOperation: (busy * 1000) / TICKS_PER_SECOND / Math.max(operations, 1), cores: os.cpus().length };
}

/** "92 % busy, 41.3 ms per send": the row text the benches print. */
export function formatMachineCpu(cpu: MachineCpu, per: string): string {
  return `${Math.round(cpu.busyShare * 100)} % busy, ${cpu.msPerOperation.toFixed(1)} ms per ${per}`;
}
