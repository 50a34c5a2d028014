import { sql } from 'drizzle-orm';
import { currentTraceparent, inSpan, SpanKind, type Db } from '@sx/runtime';
import type { AnyEventDefinition, PayloadOf } from './catalogue/index.js';
import type { Actor, EventEnvelope } from './envelope.js';
import type { OutboxTable } from './tables.js';
import { validatePayload } from './validate.js';

/** A database or an open transaction: anything that can write the outbox row. */
export type Executor = Pick<Db, 'insert' | 'execute'>;

/** The NOTIFY channel a service's relay listens on, so it publishes without waiting for a poll. */
export function outboxChannel(service: string): string {
  return `outbox_${service}`;
}

/**
 * The producer span of an event's write: the envelope built inside it carries it as its
 * `traceparent`, so the relay's publish and every consumer join the trace under it. appendEvent
 * uses it; so must a writer that stores the row in SQL of its own (the one-statement steps).
 */
export function inOutboxSpan<T>(type: string, fn: () => Promise<T>): Promise<T> {
  return inSpan(`outbox ${type}`, { kind: SpanKind.PRODUCER, attributes: { 'messaging.destination.name': type } }, fn);
}

export interface AppendOptions {
  service: string;
  actor: Actor;
  traceparent?: string | null;
}

/**
 * A new event of `def`, its payload validated, traced like appendEvent's (call it inside the
 * span or request that causes the event). For a writer that stores the row itself, in SQL of its
 * own (wallet's one-statement send).
 */
export function buildEnvelope<D extends AnyEventDefinition>(def: D, data: PayloadOf<D>, opts: Pick<AppendOptions, 'actor' | 'traceparent'>): EventEnvelope<PayloadOf<D>> {
  return {
    id: crypto.randomUUID(),
    type: def.type,
    version: def.latest,
    occurredAt: new Date().toISOString(),
    actor: opts.actor,
    traceparent: currentTraceparent() ?? opts.traceparent ?? null,
    data: validatePayload(def, data),
  };
}

/**
 * Appends an event to the service's outbox inside the caller's transaction. Call it after the
 * write to the aggregate, so the aggregate's row lock orders events of one aggregate.
 *
 * Traced, the write is a span and the event's `traceparent` is that span: the relay's publish and
 * every consumer's handling join the trace of the request (or saga step) that caused the event.
 * Untraced, the cause's traceparent is copied along as given.
 */
export async function appendEvent<D extends AnyEventDefinition>(
  tx: Executor,
  outbox: OutboxTable,
  def: D,
  data: PayloadOf<D>,
  opts: AppendOptions,
): Promise<EventEnvelope<PayloadOf<D>>> {
  return inOutboxSpan(def.type, async () => {
    const envelope = buildEnvelope(def, data, opts);
    const payload = envelope.data;
    const insert = tx.insert(outbox).values({
      id: envelope.id,
      type: envelope.type,
      version: envelope.version,
      aggregateId: (def.aggregateId as (data: PayloadOf<D>) => string)(payload),
      envelope,
      occurredAt: new Date(envelope.occurredAt),
    });
    // One round trip: the row and its NOTIFY, which Postgres delivers at commit and not at all on
    // rollback — exactly when the event becomes real.
    await tx.execute(sql`WITH appended AS (${insert.getSQL()} RETURNING 1) SELECT pg_notify(${outboxChannel(opts.service)}, '') FROM appended`);
    return envelope;
  });
}
