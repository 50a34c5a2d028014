import { nameAnonymousOperations } from './graphql-client.js';
import { statementsForOperation, uniqueOperationName } from './operation-queries.js';
import { instanceBaseUrls, scrapeMetrics } from './subgraph-client.js';

/**
 * How many SQL statements `service` sent for the operations `run` made (N+1 checks). While
 * `run` runs, the test kit gives its anonymous operations one unique name, and the count is
 * read per operation name: other test files using the service at the same time, and the
 * service's own background work, do not disturb it.
 */
export async function dbQueriesDuring<T>(service: string, run: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const name = uniqueOperationName('Measured');
  const result = await nameAnonymousOperations(name, run);
  return { result, queries: await statementsForOperation(service, name) };
}

/** The value of the Prometheus sample `name{…}` carrying all `labels` (in any order), or undefined. */
export function metricSample(text: string, name: string, labels: string[] = []): number | undefined {
  const line = text.split('\n').find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && labels.every((label) => l.includes(label)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/**
 * Sample `name{…labels}` of `service`'s /metrics over all its instances: `sum` for a counter
 * (each instance counts what it did), `max` for a gauge every instance reports alike (0 when absent).
 */
export async function serviceMetric(service: string, name: string, labels: string[] = [], over: 'sum' | 'max' = 'sum'): Promise<number> {
  const values = await Promise.all(instanceBaseUrls(service).map(async (base) => metricSample(await scrapeMetrics(base), name, labels) ?? 0));
  return over === 'sum' ? values.reduce((a, b) => a + b, 0) : Math.max(...values);
}
