import type { SubgraphReply } from '../subgraph-http.js';

export interface FetchCacheOptions {
  /** Entries kept at most per subgraph; the oldest go first. */
  maxEntries: number;
  /** An entry is never served older than this, even when no event said it changed. */
  maxAgeMs: number;
  /**
   * After an invalidation, answers fetched until this much later are not stored: a consumer
   * of the event may still be writing what the answer depends on (ratings from reviews, …).
   */
  graceMs: number;
}

export interface CachedFetch {
  reply: SubgraphReply;
  storedAt: number;
}

/**
 * Subgraph answers kept until a domain event says they may have changed. Keys carry the viewer
 * scope (see viewer-scope.ts), so one viewer's answer is never served to another. Each subgraph
 * has a generation: an invalidation bumps it, and an answer whose fetch started before the bump
 * is not stored, so a slow fetch can never put back what an event just removed.
 */
export class FetchCache {
  private readonly entries = new Map<string, Map<string, CachedFetch>>();
  private readonly generations = new Map<string, number>();
  private readonly quietAfter = new Map<string, number>();

  constructor(private readonly opts: FetchCacheOptions) {}

  /** The answer with the time it was stored (a response built from it is no younger). */
  get(subgraph: string, key: string, now = Date.now()): CachedFetch | undefined {
    const entries = this.entries.get(subgraph);
    const entry = entries?.get(key);
    if (!entry) return undefined;
    if (now - entry.storedAt > this.opts.maxAgeMs) {
      entries?.delete(key);
      return undefined;
    }
    return entry;
  }

  /** The subgraph's generation now; pass it back to `store` when the fetch has answered. */
  generation(subgraph: string): number {
    return this.generations.get(subgraph) ?? 0;
  }

  /** Keeps a successful answer, unless the subgraph was invalidated since the fetch started. */
  store(subgraph: string, key: string, generationAtStart: number, reply: SubgraphReply, now = Date.now()): boolean {
    if (reply.status !== 200 || reply.body.includes('"errors"')) return false;
    if (this.generation(subgraph) !== generationAtStart || !this.settled(subgraph, now)) return false;
    let entries = this.entries.get(subgraph);
    if (!entries) this.entries.set(subgraph, (entries = new Map()));
    if (entries.size >= this.opts.maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    entries.set(key, { reply, storedAt: now });
    return true;
  }

  /** False during CACHE_GRACE_MS after the subgraph's last invalidation: nothing built on it is stored. */
  settled(subgraph: string, now = Date.now()): boolean {
    return now >= (this.quietAfter.get(subgraph) ?? 0);
  }

  /** Forgets every answer of these subgraphs (an event or a mutation changed their data). */
  invalidate(subgraphs: readonly string[], now = Date.now()): void {
    for (const subgraph of subgraphs) {
      this.generations.set(subgraph, this.generation(subgraph) + 1);
      this.quietAfter.set(subgraph, now + this.opts.graceMs);
      this.entries.delete(subgraph);
    }
  }

  get size(): number {
    let total = 0;
    for (const entries of this.entries.values()) total += entries.size;
    return total;
  }
}
