/**
 * What idle subscriptions cost the gateway: resident memory and V8 heap in use, before and
 * after opening them, per subscription. The "before" follows a warm-up (a few subscriptions
 * opened and closed), so one-time costs — code compiled, the selection prepared and preflighted
 * once — are not charged to every subscription.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { metricsText, residentKb, sampleSum } from '../process-metrics.js';
import { collectGarbage } from './inspector-gc.js';
import { openSubscribers, type Subscribers } from './subscribers.js';

export interface MemoryPoint {
  rssKb: number;
  heapKb: number;
  /** Where RSS goes besides live objects: V8's reserved heap (young generation apart) and memory outside it. */
  heapTotalKb: number;
  newSpaceKb: number;
  externalKb: number;
}

/** Time for the opening handshakes to finish their work (timers, promises) before a reading. */
const SETTLE_MS = 3_000;

/** Memory after a full collection (inspector-gc.ts); `inspectPort` is the gateway's `--inspect` port. */
export async function memoryOf(pid: number, baseUrl: string, inspectPort: number): Promise<MemoryPoint> {
  await sleep(SETTLE_MS);
  await collectGarbage(inspectPort);
  const text = await metricsText(baseUrl);
  const kb = (metric: string, labels: Record<string, string> = {}) => sampleSum(text, metric, labels) / 1024;
  return {
    rssKb: await residentKb(pid),
    heapKb: kb('nodejs_heap_size_used_bytes'),
    heapTotalKb: kb('nodejs_heap_size_total_bytes'),
    newSpaceKb: kb('nodejs_heap_space_size_total_bytes', { space: 'new' }),
    externalKb: kb('nodejs_external_memory_bytes'),
  };
}

/** Opens and closes a few subscriptions of both kinds, so what the first ones compile is paid. */
export async function warmUp(opts: { url: string; taskId: string; tokenOf: (user: number) => string; users: number }): Promise<void> {
  const few = await openSubscribers({ url: opts.url, users: 10, watchers: 10, taskId: opts.taskId, tokenOf: (n) => opts.tokenOf(((n - 1) % opts.users) + 1) });
  await sleep(1_000);
  await few.close();
}

export function perSubscription(before: MemoryPoint, idle: MemoryPoint, count: number): { rssKb: number; heapKb: number } {
  return { rssKb: (idle.rssKb - before.rssKb) / count, heapKb: (idle.heapKb - before.heapKb) / count };
}

const mb = (kb: number) => (kb / 1024).toFixed(0);

export function memoryShift(before: MemoryPoint, idle: MemoryPoint): string {
  return [
    `${mb(before.heapTotalKb)} → ${mb(idle.heapTotalKb)}`,
    `${mb(before.newSpaceKb)} → ${mb(idle.newSpaceKb)}`,
    `${mb(before.externalKb)} → ${mb(idle.externalKb)}`,
  ].join(', ');
}

export type { Subscribers };
