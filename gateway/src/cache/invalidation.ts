/**
 * Which subgraphs' answers an event of a domain can change: the domain's own subgraph, and every
 * subgraph that consumes its events into a replica or a derived table (see each subgraph's
 * src/index.ts). Keep in step with the consumers: a subgraph missing here would serve stale
 * replica data from the cache until the entry's maximum age.
 */
export const READERS_OF_DOMAIN: Readonly<Record<string, readonly string[]>> = {
  users: ['users', 'wallet', 'tasks', 'analytics', 'groups'],
  tasks: ['tasks', 'bids', 'reviews', 'wallet', 'notifications', 'users', 'analytics', 'files'],
  bids: ['bids', 'wallet', 'notifications', 'analytics'],
  wallet: ['wallet', 'bids', 'tasks', 'notifications', 'analytics', 'groups'],
  reviews: ['reviews', 'notifications'],
  notifications: ['notifications'],
  groups: ['groups', 'notifications', 'files'],
};

export const CACHE_DOMAINS = Object.keys(READERS_OF_DOMAIN);

/** Subgraphs to invalidate for an event of `domain` (or a mutation sent to that subgraph). */
export function subgraphsChangedBy(domain: string): readonly string[] {
  return READERS_OF_DOMAIN[domain] ?? [domain];
}
