import { stackInfo } from './graphql-client.js';

/** The service's `sx_db_queries_total` counter, read from its /metrics endpoint. */
export async function dbQueryCount(service: string): Promise<number> {
  const base = stackInfo().services[service];
  if (!base) throw new Error(`service ${service} is not running in this test stack`);
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('sx_db_queries_total'));
  const value = Number(line?.split(' ').at(-1));
  if (!line || !Number.isFinite(value)) throw new Error(`${service} /metrics has no sx_db_queries_total`);
  return value;
}

/**
 * How many SQL statements `service` sent while `run` ran (N+1 checks). Other traffic (e.g. a
 * gateway /readyz probe from a parallel test) can only add statements, so `run` is repeated
 * and the fewest count wins; `run` must therefore be read-only. Returns the first result.
 */
export async function dbQueriesDuring<T>(service: string, run: () => Promise<T>, attempts = 3): Promise<{ result: T; queries: number }> {
  let first: { result: T } | undefined;
  let fewest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < attempts; i++) {
    const before = await dbQueryCount(service);
    const result = await run();
    fewest = Math.min(fewest, (await dbQueryCount(service)) - before);
    first ??= { result };
  }
  if (!first) throw new Error('attempts must be at least 1');
  return { result: first.result, queries: fewest };
}
