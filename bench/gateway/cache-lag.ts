/**
 * How long a change takes to show through a cached gateway that learns of it only from the
 * domain event: a task is renamed through one gateway, and a reader polls another gateway (whose
 * cache holds the old title) until the new title shows. Sequential, one task each time.
 */
import { percentile } from '../report.js';
import { benchId, posterOf, seedCounts, type SeedScale } from './seed-plan.js';

const TITLE = 'query CacheLagRead($id: ID!) { task(id: $id) { title } }';
const RENAME = 'mutation CacheLagRename($id: ID!, $title: String!) { updateTask(id: $id, input: { title: $title }) { title } }';
const POLL_MS = 5;
const GIVE_UP_MS = 10_000;

async function call(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`cache lag: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const titleOf = (data: Record<string, unknown>) => (data['task'] as { title?: string } | null)?.title;

export interface CacheLag {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export async function measureCacheLag(opts: { writerUrl: string; cachedUrl: string; scale: SeedScale; tokenOf: (user: number) => string; count: number }): Promise<CacheLag> {
  const lags: number[] = [];
  const { open } = seedCounts(opts.scale);
  for (let i = 0; i < opts.count; i += 1) {
    // Tasks near the end of the open range: the listing rounds never page that far.
    const task = open - 1 - i * 3;
    const id = benchId('task', task);
    await call(opts.cachedUrl, TITLE, { id });
    await call(opts.cachedUrl, TITLE, { id });
    const title = `Renamed for the cache lag ${i} ${Date.now()}`;
    await call(opts.writerUrl, RENAME, { id, title }, opts.tokenOf(posterOf(opts.scale, task)));
    const changedAt = performance.now();
    while (titleOf(await call(opts.cachedUrl, TITLE, { id })) !== title) {
      if (performance.now() - changedAt > GIVE_UP_MS) throw new Error(`the cached gateway did not show task ${task}'s new title within ${GIVE_UP_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    lags.push(performance.now() - changedAt);
  }
  lags.sort((a, b) => a - b);
  return { samples: lags.length, p50Ms: percentile(lags, 0.5), p99Ms: percentile(lags, 0.99), maxMs: lags[lags.length - 1] ?? Number.NaN };
}
