/** What one client request's answer was built from, noted by the data sources as they fetch. */
export interface ResponseSources {
  /** Each subgraph read, with its cache generation when the fetch started (or its cached answer was read). */
  readonly generations: Map<string, number>;
  /** When the oldest data in the answer was fetched: a cached fetch counts from when it was stored. */
  oldestAt: number;
  /**
   * False once a fetch was not opted in, or joined a fetch another request had started (its
   * generation at start is not known, so it may hold data from before an invalidation).
   */
  storable: boolean;
}

export interface NotedFetch {
  subgraph: string;
  cacheable: boolean;
  generation: number;
  /** When the answer's data was fetched: now, or when the cached fetch was stored. */
  fetchedAt: number;
  shared: boolean;
}

/**
 * The fetches of each request in flight, keyed by the request's context object (Apollo hands the
 * same object to the data sources and to the plugins; held weakly, so nothing outlives a request).
 */
export class RequestSources {
  private readonly byContext = new WeakMap<object, ResponseSources>();

  note(context: object, fetch: NotedFetch): void {
    let sources = this.byContext.get(context);
    if (!sources) this.byContext.set(context, (sources = { generations: new Map(), oldestAt: fetch.fetchedAt, storable: true }));
    sources.oldestAt = Math.min(sources.oldestAt, fetch.fetchedAt);
    const earlier = sources.generations.get(fetch.subgraph);
    // Two fetches of one subgraph across an invalidation: the answer mixes old and new data.
    if (!fetch.cacheable || fetch.shared || (earlier !== undefined && earlier !== fetch.generation)) sources.storable = false;
    sources.generations.set(fetch.subgraph, fetch.generation);
  }

  of(context: object): ResponseSources | undefined {
    return this.byContext.get(context);
  }
}
