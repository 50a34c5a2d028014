/**
 * One measured run: one gateway, one request list, a fixed time. Besides what the load
 * generator sees, it reads the gateway's CPU time and memory and the subgraphs' own request
 * counters before and after, so each figure belongs to this run alone (runs never overlap).
 */
import { metricsText, residentKb, sampleSum } from '../process-metrics.js';
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
  firstUnexpected?: string;
}

async function subgraphRequests(subgraphBaseUrls: readonly string[]): Promise<number> {
  const texts = await Promise.all(subgraphBaseUrls.map((url) => metricsText(url)));
  return texts.reduce((sum, text) => sum + sampleSum(text, 'sx_graphql_requests_by_operation_total'), 0);
}

/**
 * Requests the load generator gave up waiting for at the end of a run are still being served;
 * wait until the subgraphs' counters stand still, so they are counted in this run and not the next.
 */
async function settled(subgraphBaseUrls: readonly string[]): Promise<number> {
  let last = await subgraphRequests(subgraphBaseUrls);
  // At most 4 s: on a busy machine the last abandoned requests can take that long to finish.
  for (let i = 0; i < 16; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await subgraphRequests(subgraphBaseUrls);
    if (now === last) return now;
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
    subgraphRequestsPerOperation: (requestsAfter - requestsBefore) / sent,
    firstUnexpected: result.firstUnexpected,
  };
}
