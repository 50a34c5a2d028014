import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  type Actor,
  type AnyEventDefinition,
  type EventEnvelope,
  type PayloadOf,
  subjectOf,
  SYSTEM_ACTOR,
  validatePayload,
} from '@sx/events';
import { stackInfo } from './graphql-client.js';

export interface EnvelopeOptions {
  /** The event id (and so its Nats-Msg-Id); a fresh one by default. */
  id?: string;
  occurredAt?: Date;
  actor?: Actor;
  traceparent?: string | null;
}

/**
 * An event of a catalogued type as its owner's relay would publish it: a complete envelope at the
 * type's latest version, the payload checked against the catalogue (a test cannot publish what
 * no service could write), sent as given.
 */
export function eventEnvelope<D extends AnyEventDefinition>(def: D, data: PayloadOf<D>, opts: EnvelopeOptions = {}): EventEnvelope<PayloadOf<D>> {
  validatePayload(def, data);
  return {
    id: opts.id ?? randomUUID(),
    type: def.type,
    version: def.latest,
    occurredAt: (opts.occurredAt ?? new Date()).toISOString(),
    actor: opts.actor ?? SYSTEM_ACTOR,
    traceparent: opts.traceparent ?? null,
    data,
  };
}

/**
 * Publishes events into this run's streams (EVENTS_NAMESPACE of the test stack, unless another
 * namespace is given), standing in for another service. Connects on first use; `close` drains.
 */
export class EventPublisher {
  private connection: Promise<NatsConnection> | null = null;

  constructor(private readonly opts: { natsUrl?: string; namespace?: string } = {}) {}

  /** Publishes a fresh envelope of `def` with `data`, as its owner's relay would; returns it. */
  async publish<D extends AnyEventDefinition>(def: D, data: PayloadOf<D>, opts: EnvelopeOptions = {}): Promise<EventEnvelope<PayloadOf<D>>> {
    const envelope = eventEnvelope(def, data, opts);
    await this.send(envelope);
    return envelope;
  }

  /**
   * Publishes an envelope on `<namespace>.<type>` with Nats-Msg-Id = `msgID`: the event id unless
   * told otherwise, or none for `null` (JetStream then stores a repeat, and only the consumer's
   * inbox can recognise it). Says whether JetStream dropped it as a duplicate.
   */
  async send(envelope: EventEnvelope, opts: { msgID?: string | null } = {}): Promise<{ duplicate: boolean }> {
    const msgID = opts.msgID === undefined ? envelope.id : opts.msgID;
    const subject = subjectOf(envelope.type, this.opts.namespace ?? stackInfo().eventsNamespace);
    this.connection ??= connect({ servers: this.opts.natsUrl ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    const ack = await jetstream(await this.connection).publish(subject, JSON.stringify(envelope), msgID === null ? {} : { msgID });
    return { duplicate: ack.duplicate };
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    if (connection) await (await connection).drain();
  }
}
