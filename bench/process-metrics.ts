/** What the benches read from the running processes: /metrics counters and resident memory. */
import { readFile } from 'node:fs/promises';

/** Sum of a Prometheus metric's samples whose labels include every `labels` pair. */
export function sampleSum(text: string, metric: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`) && !line.startsWith(`${metric} `)) continue;
    const labelText = line.slice(metric.length, line.lastIndexOf(' '));
    if (wanted.every((pair) => labelText.includes(pair))) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/** /metrics of a process the bench started, with the run's METRICS_TOKEN (benchSecrets, or the stack's). */
export async function metricsText(baseUrl: string, token = process.env.METRICS_TOKEN ?? ''): Promise<string> {
  const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${baseUrl}/metrics answered ${res.status}`);
  return res.text();
}

/**
 * GraphQL requests a subgraph served for a gateway operation: its own name, or the gateway's
 * `<name>__<subgraph>__<n>` fetches of it.
 */
export function requestsForOperation(text: string, operation: string): number {
  let total = 0;
  for (const [name, n] of requestsByOperation(text)) {
    if (name === operation || name.startsWith(`${operation}__`)) total += n;
  }
  return total;
}

/** GraphQL requests a subgraph served, by operation name (`KnownUser`, `PlaceBid__bids__0` …). */
export function requestsByOperation(text: string): Map<string, number> {
  const pattern = /^sx_graphql_requests_by_operation_total\{[^}]*operation="([^"]+)"[^}]*\} (\d+)/;
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = pattern.exec(line);
    if (match?.[1]) counts.set(match[1], (counts.get(match[1]) ?? 0) + Number(match[2]));
  }
  return counts;
}

/** VmRSS of a process, in kilobytes (Linux /proc). */
export async function residentKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}
