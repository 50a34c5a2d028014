import { Counter, Gauge, type Registry } from 'prom-client';

/** What /metrics tells about live subscriptions. */
export function createLiveMetrics(registry: Registry) {
  const registers = [registry];
  return {
    connections: new Gauge({ name: 'sx_live_connections', help: 'Open graphql-ws connections', registers }),
    subscriptions: new Gauge({ name: 'sx_live_subscriptions', help: 'Active subscriptions, by root field', labelNames: ['field'], registers }),
    events: new Counter({ name: 'sx_live_events_total', help: 'Events read from the domain streams', labelNames: ['domain'], registers }),
    hydrations: new Counter({
      name: 'sx_live_hydrations_total',
      help: 'Payload queries run through the supergraph (one per event, selection and viewer scope)',
      labelNames: ['field'],
      registers,
    }),
    deliveries: new Counter({ name: 'sx_live_deliveries_total', help: 'Payloads sent to subscribers', labelNames: ['field'], registers }),
    refused: new Counter({ name: 'sx_live_refused_connections_total', help: 'Connections refused, by reason', labelNames: ['reason'], registers }),
    slowConsumers: new Counter({
      name: 'sx_live_slow_consumer_closes_total',
      help: 'Connections closed because their queue of undelivered payloads overflowed',
      registers,
    }),
  };
}

export type LiveMetrics = ReturnType<typeof createLiveMetrics>;
