import { describe, expect, it } from 'vitest';
import { FetchCache } from '../src/cache/fetch-cache.js';
import { ResponseCache } from '../src/cache/response-cache.js';
import { RequestSources, type NotedFetch } from '../src/cache/response-sources.js';

const T0 = 1_000_000;
const answer = (body: string) => ({ body, cost: 3, operationName: undefined });

/** A fetch cache with no grace, and a response cache over it. */
function caches(opts: { maxBytes?: number; graceMs?: number } = {}) {
  const fetches = new FetchCache({ maxEntries: 100, maxAgeMs: 60_000, graceMs: opts.graceMs ?? 0 });
  return { fetches, responses: new ResponseCache(fetches, { maxBytes: opts.maxBytes ?? 1_000_000, maxAgeMs: 60_000 }) };
}

/** What one request fetched, as the data sources note it. */
function built(fetches: FetchCache, ...subgraphs: (string | Partial<NotedFetch>)[]) {
  const sources = new RequestSources();
  const context = {};
  for (const s of subgraphs) {
    const fetch = typeof s === 'string' ? { subgraph: s } : s;
    const subgraph = fetch.subgraph ?? 'tasks';
    sources.note(context, { subgraph, cacheable: true, generation: fetches.generation(subgraph), fetchedAt: T0, shared: false, ...fetch });
  }
  const noted = sources.of(context);
  if (!noted) throw new Error('nothing noted');
  return noted;
}

describe('the whole-response cache', () => {
  it('serves an answer to its own viewer scope only', () => {
    const { fetches, responses } = caches();
    expect(responses.store('user:ada:', 'q', answer('{"ada"}'), built(fetches, 'users'), T0)).toBe(true);
    expect(responses.get('user:ada:', 'q', T0)?.body).toBe('{"ada"}');
    expect(responses.get('user:bo:', 'q', T0)).toBeUndefined();
    expect(responses.get('anonymous', 'q', T0)).toBeUndefined();
    expect(responses.mayHave('q')).toBe(true);
    expect(responses.mayHave('other')).toBe(false);
  });

  it('drops an answer when any subgraph it was built from is invalidated, and keeps the others', () => {
    const { fetches, responses } = caches();
    responses.store('anonymous', 'listing', answer('{"l"}'), built(fetches, 'tasks', 'users'), T0);
    responses.store('anonymous', 'wallet', answer('{"w"}'), built(fetches, 'wallet'), T0);
    fetches.invalidate(['users'], T0);
    expect(responses.get('anonymous', 'listing', T0)).toBeUndefined();
    expect(responses.mayHave('listing')).toBe(false);
    expect(responses.get('anonymous', 'wallet', T0)?.body).toBe('{"w"}');
  });

  it('does not store an answer whose subgraph was invalidated while it was being built, nor during the grace after', () => {
    const { fetches, responses } = caches({ graceMs: 1_000 });
    const sources = built(fetches, 'tasks');
    fetches.invalidate(['tasks'], T0);
    expect(responses.store('anonymous', 'q', answer('{"old"}'), sources, T0)).toBe(false);
    expect(responses.store('anonymous', 'q', answer('{"new"}'), built(fetches, 'tasks'), T0 + 500)).toBe(false);
    expect(responses.store('anonymous', 'q', answer('{"new"}'), built(fetches, 'tasks'), T0 + 1_000)).toBe(true);
  });

  it('does not store an answer built partly from a fetch not opted in, or joined from another request', () => {
    const { fetches, responses } = caches();
    expect(responses.store('anonymous', 'a', answer('{}'), built(fetches, 'tasks', { subgraph: 'users', cacheable: false }), T0)).toBe(false);
    expect(responses.store('anonymous', 'b', answer('{}'), built(fetches, 'tasks', { subgraph: 'users', shared: true }), T0)).toBe(false);
    expect(responses.store('anonymous', 'c', answer('{}'), built(fetches, 'tasks', { subgraph: 'tasks', generation: 7 }), T0)).toBe(false);
    expect(responses.size).toBe(0);
  });

  it('never serves an answer whose oldest data is older than the maximum age', () => {
    const { fetches, responses } = caches();
    responses.store('anonymous', 'q', answer('{}'), built(fetches, 'tasks', { subgraph: 'users', fetchedAt: T0 - 50_000 }), T0);
    expect(responses.get('anonymous', 'q', T0 + 9_000)).toBeDefined();
    expect(responses.get('anonymous', 'q', T0 + 10_001)).toBeUndefined();
  });

  it('keeps within its byte bound, oldest out, and refuses an answer larger than its share', () => {
    const { fetches, responses } = caches({ maxBytes: 1_600 });
    for (const key of ['a', 'b', 'c']) responses.store('anonymous', key, answer('x'.repeat(60)), built(fetches, 'tasks'), T0);
    for (let k = 0; k < 30; k += 1) responses.store('anonymous', `k${k}`, answer('x'.repeat(60)), built(fetches, 'tasks'), T0);
    expect(responses.get('anonymous', 'a', T0)).toBeUndefined();
    expect(responses.get('anonymous', 'k29', T0)).toBeDefined();
    expect(responses.size).toBeLessThanOrEqual(Math.floor(1_600 / 72));
    expect(responses.store('anonymous', 'huge', answer('x'.repeat(200)), built(fetches, 'tasks'), T0)).toBe(false);
  });
});
