import { instanceBaseUrls, scrapeMetrics } from './subgraph-client.js';

/** Sums a by-operation counter of `service` for operation `name` and the gateway's fetches of it. */
async function countForOperation(service: string, metric: string, name: string): Promise<number> {
  // Against the cluster, each instance counts what it served: the sum is the service's count.
  const texts = await Promise.all(instanceBaseUrls(service).map(async (base) => scrapeMetrics(base)));
  return texts.reduce((sum, text) => sum + countInMetrics(text, service, metric, name), 0);
}

function countInMetrics(text: string, service: string, metric: string, name: string): number {
  const pattern = new RegExp(`^${metric}\\{[^}]*operation="([^"]+)"[^}]*\\} (\\d+)`);
  let total = 0;
  for (const line of text.split('\n')) {
    const match = pattern.exec(line);
    if (!match) continue;
    const operation = match[1] ?? '';
    if (operation === name || operation.startsWith(`${name}__${service}__`)) total += Number(match[2]);
  }
  return total;
}

/**
 * SQL statements `service` has sent for operation `name` so far: the client's own name when the
 * subgraph is called directly, or the gateway's `<name>__<service>__<n>` fetches of it. Counting
 * by operation keeps N+1 checks exact while other test files use the same service.
 */
export function statementsForOperation(service: string, name: string): Promise<number> {
  return countForOperation(service, 'sx_db_queries_by_operation_total', name);
}

/** Transactions Postgres committed for `service`'s statements of operation `name` (autocommits included). */
export function commitsForOperation(service: string, name: string): Promise<number> {
  return countForOperation(service, 'sx_db_commits_by_operation_total', name);
}

/** GraphQL requests `service` has served for operation `name` (or the gateway's fetches of it). */
export function requestsForOperation(service: string, name: string): Promise<number> {
  return countForOperation(service, 'sx_graphql_requests_by_operation_total', name);
}

/** A unique operation name for one measured request. */
export function uniqueOperationName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
