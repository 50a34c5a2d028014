import type { FetchCache } from './fetch-cache.js';
import type { ResponseSources } from './response-sources.js';

export interface ResponseCacheOptions {
  /** Bodies and keys kept at most, in bytes (counted as string length); the oldest go first. */
  maxBytes: number;
  /** A response is never served when its oldest data is older than this (CACHE_MAX_AGE_MS). */
  maxAgeMs: number;
}

/** A whole answer as the client got it, with what it depends on. */
export interface CachedResponse {
  /** The JSON body exactly as Apollo wrote it. */
  body: string;
  /** What the request costs from the caller's budget (edge/query-cost.ts): charged on every hit too. */
  cost: number;
  operationName: string | undefined;
  /** Each subgraph the answer was built from, at the generation its data was read. */
  generations: ReadonlyMap<string, number>;
  /** When its oldest data was fetched. */
  fetchedAt: number;
}

/** One entry may take at most this share of the bound, so one huge answer cannot empty the cache. */
const MAX_ENTRY_SHARE = 16;

/**
 * Whole answers to opted-in queries, so a repeated read skips parsing, validation, planning and
 * execution. Keyed by the request (document, operation name, variables) and the viewer scope, so
 * one viewer's answer never reaches another. Tagged with the generation of every subgraph it was
 * built from: the events and mutations that drop those subgraphs' fetches (FetchCache.invalidate)
 * make the answer stale, checked on every lookup, so it is exactly as fresh as the fetch cache.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  /** How many scopes hold each request: a request no scope holds needs no token check to miss. */
  private readonly scopeCount = new Map<string, number>();
  private bytes = 0;

  constructor(
    private readonly fetches: FetchCache,
    private readonly opts: ResponseCacheOptions,
  ) {}

  /** Whether some viewer scope may have an answer to this request. */
  mayHave(requestKey: string): boolean {
    return this.scopeCount.has(requestKey);
  }

  get(scope: string, requestKey: string, now = Date.now()): CachedResponse | undefined {
    const key = entryKey(scope, requestKey);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.fetchedAt > this.opts.maxAgeMs || !this.current(entry.generations)) {
      this.remove(key, requestKey, entry);
      return undefined;
    }
    return entry;
  }

  /**
   * Keeps an answer when every fetch it was built from was opted in and no subgraph it read has
   * been invalidated since (nor is within the grace after one). Returns whether it was kept.
   */
  store(scope: string, requestKey: string, answer: Pick<CachedResponse, 'body' | 'cost' | 'operationName'>, sources: ResponseSources, now = Date.now()): boolean {
    if (!sources.storable || sources.generations.size === 0) return false;
    if (!this.current(sources.generations) || ![...sources.generations.keys()].every((subgraph) => this.fetches.settled(subgraph, now))) return false;
    const key = entryKey(scope, requestKey);
    const size = sizeOf(key, answer.body);
    if (size * MAX_ENTRY_SHARE > this.opts.maxBytes) return false;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, requestKey, previous);
    while (this.bytes + size > this.opts.maxBytes && this.entries.size > 0) this.evictOldest();
    this.entries.set(key, { ...answer, generations: new Map(sources.generations), fetchedAt: sources.oldestAt });
    this.scopeCount.set(requestKey, (this.scopeCount.get(requestKey) ?? 0) + 1);
    this.bytes += size;
    return true;
  }

  get size(): number {
    return this.entries.size;
  }

  private current(generations: ReadonlyMap<string, number>): boolean {
    for (const [subgraph, generation] of generations) if (this.fetches.generation(subgraph) !== generation) return false;
    return true;
  }

  private evictOldest(): void {
    const oldest = this.entries.entries().next().value;
    if (!oldest) return;
    const [key, entry] = oldest;
    this.remove(key, requestKeyOf(key), entry);
  }

  private remove(key: string, requestKey: string, entry: CachedResponse): void {
    this.entries.delete(key);
    this.bytes -= sizeOf(key, entry.body);
    const count = (this.scopeCount.get(requestKey) ?? 1) - 1;
    if (count > 0) this.scopeCount.set(requestKey, count);
    else this.scopeCount.delete(requestKey);
  }
}

// A scope never holds a newline (viewer-scope.ts), so the first one ends it.
const entryKey = (scope: string, requestKey: string) => `${scope}\n${requestKey}`;
const requestKeyOf = (key: string) => key.slice(key.indexOf('\n') + 1);
const sizeOf = (key: string, body: string) => key.length + body.length;
