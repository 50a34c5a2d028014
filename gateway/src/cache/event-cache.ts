import type { Logger } from '@sx/runtime';
import type { GatewayConfig } from '../env.js';
import { LiveEventFeed } from '../live/event-feed.js';
import { CacheRules } from './cache-rules.js';
import { FetchCache } from './fetch-cache.js';
import { CACHE_DOMAINS, subgraphsChangedBy } from './invalidation.js';

export interface EventCache {
  store: FetchCache;
  rules: CacheRules;
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
  const feed = new LiveEventFeed({
    natsUrl: config.NATS_URL,
    namespace: config.EVENTS_NAMESPACE,
    domains: CACHE_DOMAINS,
    log: log.child({ part: 'cache' }),
    onEvent: (domain) => store.invalidate(subgraphsChangedBy(domain)),
  });
  await feed.start();
  log.info({ cached: config.GATEWAY_CACHE }, 'event-invalidated cache on');
  return { store, rules, stop: () => feed.stop() };
}
