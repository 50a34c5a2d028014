import { Counter, type Registry } from 'prom-client';

/** What /metrics tells about the gateway's own subgraph fetches. */
export function createSubgraphMetrics(registry: Registry) {
  return {
    fetches: new Counter({
      name: 'sx_gateway_subgraph_fetches_total',
      help: 'Subgraph fetches the query plans asked for, by subgraph; shared="true" when an identical read in flight for the same viewer scope answered it',
      labelNames: ['subgraph', 'shared'],
      registers: [registry],
    }),
    cache: new Counter({
      name: 'sx_gateway_cache_lookups_total',
      help: 'Lookups of cacheable subgraph fetches in the event-invalidated cache, by subgraph and outcome (hit, miss)',
      labelNames: ['subgraph', 'outcome'],
      registers: [registry],
    }),
  };
}

export type SubgraphMetrics = ReturnType<typeof createSubgraphMetrics>;
