import { Counter, Histogram, type Registry } from 'prom-client';
import type { EventEnvelope } from './envelope.js';

/** Money an event moved: its `amount` field in minor units and currency, when it has one. */
function amountOf(data: unknown): { amountMinor: number; currency: string } | undefined {
  const amount = (data as { amount?: { amountMinor?: unknown; currency?: unknown } } | null)?.amount;
  if (typeof amount?.amountMinor !== 'number' || typeof amount.currency !== 'string') return undefined;
  return { amountMinor: amount.amountMinor, currency: amount.currency };
}

/**
 * Business metrics counted from the domain's published facts: the relay publishes each outbox
 * row once, after its transaction committed, so a rolled-back sign-up or bid is never counted
 * and nothing is counted twice by retries. Sign-ups, posted tasks, placed bids and notifications
 * are `sx_domain_events_total` by type; money is summed by kind (the event) and currency.
 */
export function createBusinessMetrics(registry: Registry) {
  const events = new Counter({
    name: 'sx_domain_events_total',
    help: 'Domain events published (committed facts), by type: users.user.signed_up, tasks.task.posted, bids.bid.placed, notifications.notification.created, …',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const moneyMoved = new Counter({
    name: 'sx_money_moved_minor_total',
    help: 'Money moved by the wallet, in minor units (cents), by kind (deposited, withdrawn, sent, escrow_held, payment_released, payment_refunded) and currency',
    labelNames: ['kind', 'currency'] as const,
    registers: [registry],
  });
  const sagaStep = new Histogram({
    name: 'sx_saga_step_seconds',
    help: 'Time from an event being written to a consumer having handled it (one asynchronous saga step), by consumer and event type',
    labelNames: ['consumer', 'type'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  return {
    sagaStep,
    /** Counts one published event (called by the relay after the JetStream ack). */
    published(envelope: EventEnvelope): void {
      events.inc({ type: envelope.type });
      const amount = envelope.type.startsWith('wallet.') ? amountOf(envelope.data) : undefined;
      if (amount) moneyMoved.inc({ kind: envelope.type.split('.').slice(1).join('_').replace(/^money_/, ''), currency: amount.currency }, amount.amountMinor);
    },
  };
}

export type BusinessMetrics = ReturnType<typeof createBusinessMetrics>;
