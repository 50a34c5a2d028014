import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per process, served on /metrics. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const dbQueries = new Counter({
    name: 'sx_db_queries_total',
    help: 'SQL statements sent to Postgres while serving GraphQL requests',
    registers: [registry],
  });
  const dbBackgroundQueries = new Counter({
    name: 'sx_db_background_queries_total',
    help: 'SQL statements sent outside GraphQL requests (event relay and consumers, health checks, jobs)',
    registers: [registry],
  });
  const dbQueriesByOperation = new Counter({
    name: 'sx_db_queries_by_operation_total',
    help: 'SQL statements sent to Postgres, by the GraphQL operation that caused them (N+1 hunting)',
    labelNames: ['operation'],
    registers: [registry],
  });
  const dbCommitsByOperation = new Counter({
    name: 'sx_db_commits_by_operation_total',
    help: 'Transactions committed in Postgres (explicit COMMITs and autocommit statements), by the GraphQL operation that caused them',
    labelNames: ['operation'],
    registers: [registry],
  });
  const requestsByOperation = new Counter({
    name: 'sx_graphql_requests_by_operation_total',
    help: 'GraphQL requests served, by operation name (the gateway names subgraph fetches after the client operation)',
    labelNames: ['operation'],
    registers: [registry],
  });
  return { registry, dbQueries, dbBackgroundQueries, dbQueriesByOperation, dbCommitsByOperation, requestsByOperation };
}

export type Metrics = ReturnType<typeof createMetrics>;
