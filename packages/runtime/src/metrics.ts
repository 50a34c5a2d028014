import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per process, served on /metrics. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const dbQueries = new Counter({
    name: 'sx_db_queries_total',
    help: 'SQL statements sent to Postgres',
    registers: [registry],
  });
  return { registry, dbQueries };
}

export type Metrics = ReturnType<typeof createMetrics>;
