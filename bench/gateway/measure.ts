/**
 * One measured run: one gateway, one request list, a fixed time. Besides what the load
 * generator sees, it reads the gateway's CPU time and memory and the subgraphs' own request
 * counters before and after, so each figure belongs to this run alone (runs never overlap).
 */
import { metricsText, requestsByOperation, residentKb } from '../process-metrics.js';
import type { LoadClient } from './load-client.js';
import type { LoadJob } from './load-types.js';
import { cpuMs, type GatewayProcess } from './processes.js';

export interface Sample {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers that were not what the operation expects, plus transport errors. */
  errors: number;
  /** Gateway CPU time per answered request, and the share of one core it used. */
  cpuMsPerRequest: number;
  cpuCores: number;
  rssMb: number;
  subgraphRequestsPerOperation: number;
  /** The same by the operation name the subgraphs counted (which fetch, or the gateway's KnownUser question). */
  subgraphRequestsByName: Record<string, number>;
  firstUnexpected?: string;
}

/** Every subgraph's requests by operation name, summed over the subgraphs. */
async function subgraphCounts(subgraphBaseUrls: readonly string[]): Promise<Map<string, number>> {
  const texts = await Promise.all(subgraphBaseUrls.map((url) => metricsText(url)));
  const counts = new Map<string, number>();
  for (const text of texts) for (const [name, n] of requestsByOperation(text)) counts.set(name, (counts.get(name) ?? 0) + n);
  return counts;
}

const totalOf = (counts: ReadonlyMap<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

/** What each operation name gained between two readings, per request sent. */
function perRequest(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>, sent: number): Record<string, number> {
  const gained: Record<string, number> = {};
  for (const [name, n] of after) {
    const delta = n - (before.get(name) ?? 0);
    if (delta > 0) gained[name] = delta / sent;
  }
  return gained;
}

/**
 * Requests the load generator gave up waiting for at the end of a run are still being served;
 * wait until the subgraphs' counters stand still, so they are counted in this run and not the next.
 */
async function settled(subgraphBaseUrls: readonly string[]): Promise<Map<string, number>> {
  let last = await subgraphCounts(subgraphBaseUrls);
  // At most 4 s: on a busy machine the last abandoned requests can take that long to finish.
  for (let i = 0; i < 16; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await subgraphCounts(subgraphBaseUrls);
    if (totalOf(now) === totalOf(last)) return now;
    last = now;
  }
  return last;
}

export async function measure(load: LoadClient, gateway: GatewayProcess, job: Omit<LoadJob, 'url'>, subgraphBaseUrls: readonly string[]): Promise<Sample> {
  const requestsBefore = await settled(subgraphBaseUrls);
  const cpuBefore = await cpuMs(gateway.pid);
  const started = performance.now();
  const result = await load.run({ ...job, url: gateway.url });
  const elapsedMs = performance.now() - started;
  const requestsAfter = await settled(subgraphBaseUrls);
  const [cpuAfter, rssKb] = await Promise.all([cpuMs(gateway.pid), residentKb(gateway.pid)]);
  const answered = Math.max(1, result.answered);
  // Requests still in flight when a round ends were sent (and reach the subgraphs) but not
  // answered: count subgraph requests per request sent, or they would inflate the figure.
  const sent = Math.max(1, result.sent);
  return {
    requestsPerSecond: result.requestsPerSecond,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    errors: result.unexpected + result.transportErrors,
    cpuMsPerRequest: (cpuAfter - cpuBefore) / answered,
    cpuCores: (cpuAfter - cpuBefore) / elapsedMs,
    rssMb: rssKb / 1024,
    subgraphRequestsPerOperation: (totalOf(requestsAfter) - totalOf(requestsBefore)) / sent,
    subgraphRequestsByName: perRequest(requestsBefore, requestsAfter, sent),
    firstUnexpected: result.firstUnexpected,
  };
}
