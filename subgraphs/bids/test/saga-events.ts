import { randomUUID } from 'node:crypto';
import { jetstream, type PubAck } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { stackInfo } from '@sx/testkit';
import { inbox } from '../src/db/tables.js';

/** An event as another domain's relay would publish it (docs/events.md). */
export interface Envelope<T> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  actor: { kind: 'system'; id: null };
  traceparent: null;
  data: T;
}

export function envelopeOf<T>(type: string, data: T, occurredAt: Date = new Date()): Envelope<T> {
  return { id: randomUUID(), type, version: 1, occurredAt: occurredAt.toISOString(), actor: { kind: 'system', id: null }, traceparent: null, data };
}

let nc: NatsConnection | null = null;

/** Publishes on the run's stream of the event's domain, with msgID = event id, as a relay does. */
export async function publishEvent(envelope: Envelope<unknown>): Promise<PubAck> {
  nc ??= await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  return jetstream(nc).publish(`${stackInfo().eventsNamespace}.${envelope.type}`, JSON.stringify(envelope), { msgID: envelope.id });
}

export async function closeSagaEvents(): Promise<void> {
  await nc?.drain();
  nc = null;
}

/** Whether bids' consumer has committed the event (with or without effect). */
export async function handled(db: Db, consumer: 'bids_from_tasks' | 'bids_from_wallet', eventId: string): Promise<boolean> {
  const rows = await db.select({ id: inbox.eventId }).from(inbox).where(and(eq(inbox.consumer, consumer), eq(inbox.eventId, eventId)));
  return rows.length === 1;
}

/** How many events of `consumer` have failed so far (each failure is retried with backoff). */
export async function failedHandlings(consumer: string): Promise<number> {
  const base = stackInfo().services.bids;
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('sx_events_handled_total{') && l.includes(`consumer="${consumer}"`) && l.includes('outcome="failed"'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}
