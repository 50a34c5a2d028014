import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { createBusinessMetrics } from './business-metrics.js';

/** Event runtime metrics, registered in the service's own registry (served on /metrics). */
export function createEventMetrics(registry: Registry) {
  return {
    business: createBusinessMetrics(registry),
    published: new Counter({ name: 'sx_outbox_published_total', help: 'Outbox events published to JetStream', registers: [registry] }),
    relayErrors: new Counter({ name: 'sx_outbox_relay_errors_total', help: 'Relay batches that failed (NATS unreachable, …)', registers: [registry] }),
    relayLag: new Histogram({
      name: 'sx_outbox_relay_lag_seconds',
      help: 'Time from an event being written to the outbox to its JetStream ack',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    backlog: new Gauge({ name: 'sx_outbox_backlog', help: 'Outbox events not yet published', registers: [registry] }),
    handled: new Counter({
      name: 'sx_events_handled_total',
      help: 'Events handled by consumers',
      labelNames: ['consumer', 'outcome'] as const,
      registers: [registry],
    }),
    redelivered: new Counter({
      name: 'sx_events_redelivered_total',
      help: 'Deliveries that were redeliveries',
      labelNames: ['consumer'] as const,
      registers: [registry],
    }),
    deadLettered: new Counter({
      name: 'sx_events_dead_lettered_total',
      help: 'Events given up on and written to dead_letters',
      labelNames: ['consumer'] as const,
      registers: [registry],
    }),
    pending: new Gauge({
      name: 'sx_events_consumer_pending',
      help: 'Messages in the stream not yet delivered to the consumer',
      labelNames: ['consumer'] as const,
      registers: [registry],
    }),
  };
}

export type EventMetrics = ReturnType<typeof createEventMetrics>;
