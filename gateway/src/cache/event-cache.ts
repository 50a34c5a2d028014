import type { Logger } from '@sx/runtime';
import type { GatewayConfig } from '../env.js';
import { LiveEventFeed } from '../live/event-feed.js';
import { CacheRules } from './cache-rules.js';
import { FetchCache } from './fetch-cache.js';
import { PublicFields } from './public-fields.js';
import { CACHE_DOMAINS, subgraphsChangedBy } from './invalidation.js';
import { ResponseCache } from './response-cache.js';
import { RequestSources } from './response-sources.js';

export interface EventCache {
  store: FetchCache;
  rules: CacheRules;
  /** Which opted-in fetches read only public fields and are shared by every viewer; absent when CACHE_PUBLIC=false. */
  publicFields?: PublicFields;
  /** Whole answers built from cached fetches, and what each request in flight fetched; absent when CACHE_RESPONSE_MAX_BYTES=0. */
  responses?: { cache: ResponseCache; sources: RequestSources };
  stop: () => Promise<void>;
}

/**
 * The cache of subgraph answers, when GATEWAY_CACHE opts anything in, with its own reader of
 * every domain's stream: each event drops the answers of the subgraphs it can change. Every
 * gateway instance reads every event, so each instance's cache follows every change.
 */
export async function startEventCache(config: GatewayConfig, log: Logger): Promise<EventCache | undefined> {
  const rules = new CacheRules(config.GATEWAY_CACHE);
  if (!rules.enabled) return undefined;
  const store = new FetchCache({ maxEntries: config.CACHE_MAX_ENTRIES, maxAgeMs: config.CACHE_MAX_AGE_MS, graceMs: config.CACHE_GRACE_MS });
  // Tagged by the fetch cache's generations: the invalidations below drop both at once.
  const responses = config.CACHE_RESPONSE_MAX_BYTES > 0 ? { cache: new ResponseCache(store, { maxBytes: config.CACHE_RESPONSE_MAX_BYTES, maxAgeMs: config.CACHE_MAX_AGE_MS }), sources: new RequestSources() } : undefined;
  const feed = new LiveEventFeed({
    natsUrl: config.NATS_URL,
    namespace: config.EVENTS_NAMESPACE,
    domains: CACHE_DOMAINS,
    log: log.child({ part: 'cache' }),
    onEvent: (domain) => store.invalidate(subgraphsChangedBy(domain)),
  });
  await feed.start();
  log.info({ cached: config.GATEWAY_CACHE }, 'event-invalidated cache on');
  const publicFields = config.CACHE_PUBLIC ? new PublicFields() : undefined;
  return { store, rules, responses, publicFields, stop: () => feed.stop() };
}
