import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { sql } from 'drizzle-orm';
import { contextOf, inSpan, linkTo, SpanKind, sqlStateOf, type Db, type Logger, type Tx } from '@sx/runtime';
import type { AnyEventDefinition, PayloadOf } from './catalogue/index.js';
import { STEP_FALLBACK_SQLSTATE, type EventStep, type StepOutcome } from './consumer-step.js';
import type { EventEnvelope } from './envelope.js';
import type { EventMetrics } from './metrics.js';
import { streamName, subjectOf, typeOfSubject } from './streams.js';
import type { DeadLetterTable, InboxTable } from './tables.js';
import { decodeEvent, EventSchemaError } from './validate.js';

/** The transaction a handler's effect is written in (with the inbox row). */


const PENDING_REFRESH_MS = 5_000;
/** Pull statuses worth a log line (heartbeats, pulls and expiries are the normal traffic). */
const PULL_TROUBLES: ReadonlySet<string> = new Set(['heartbeats_missed', 'consumer_not_found', 'stream_not_found', 'consumer_deleted', 'no_responders', 'exceeded_limits']);

export type EventHandler<T> = (tx: Tx, event: EventEnvelope<T>, log: Logger) => Promise<void>;

export interface HandlerOptions<T> {
  /**
   * Whether an event of the type has anything for this handler, decided from the envelope alone
   * before a transaction opens. An event it does not want is acked with no inbox row and no
   * statement (it has no effect, so a redelivery decides the same and has none either). Must be
   * a pure function of the event: exactly-once rests on every delivery deciding alike.
   */
  wants?: (event: EventEnvelope<T>) => boolean;
  /**
   * The common case in one autocommit statement that claims the inbox row itself
   * (consumer-step.ts). Tried first for each event; when it says 'fallback' it wrote nothing and
   * `handler` runs as for any event, in a transaction with the inbox row.
   */
  step?: EventStep<T>;
}

export interface ConsumerLimits {
  /**
   * CONSUMER_MAX_DELIVER: deliveries before an event the handler keeps failing on is
   * dead-lettered. Deliveries that failed because the database was unreachable count too, but
   * never dead-letter an event on their own (see `failed`).
   */
  maxDeliver: number;
  /** How long the server waits for an ack before redelivering (a crashed handler). */
  ackWaitMs: number;
  /** Redelivery delay after the first failure; doubles each time up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** CONSUMER_BATCH: messages pulled per fetch. */
  batchSize: number;
  /** CONSUMER_PULL_EXPIRES_MS: a pull's life on the server; dropped pulls are renewed within about this. */
  pullExpiresMs: number;
  /**
   * CONSUMER_LANES: transactions a consumer runs at once. Events of one aggregate always go to
   * the same lane, in stream order; events of different aggregates may commit in any order.
   */
  lanes: number;
}

export interface ConsumerOptions extends ConsumerLimits {
  /** Durable name, e.g. `bids_from_tasks`. */
  name: string;
  /** The domain whose stream is read. */
  domain: string;
  namespace: string;
  db: Db;
  inbox: InboxTable;
  deadLetters: DeadLetterTable;
  jsm: () => JetStreamManager;
  js: () => JetStreamClient;
  log: Logger;
  metrics: EventMetrics;
}

/**
 * A durable pull consumer of one domain's stream. Each event's effect and its inbox row commit
 * in one transaction, then the message is acked: a redelivery finds the inbox row and has no
 * second effect. Failures are retried with backoff; after `maxDeliver` the event goes to
 * dead_letters and later events keep flowing. Nothing is ever dropped without a dead letter:
 * while the database is unreachable an event is retried, however many deliveries that takes.
 */
/** A delivery with its decoded event and the handler it goes to. */
interface Delivery {
  msg: JsMsg;
  event: EventEnvelope;
  handler: EventHandler<unknown>;
  step: EventStep<unknown> | undefined;
}

type Outcome = 'handled' | 'duplicate' | Error;

export class EventConsumer {
  private readonly handlers = new Map<string, EventHandler<unknown>>();
  /** Per handled type, the filter of `HandlerOptions.wants`, where one was given. */
  private readonly wanted = new Map<string, (event: EventEnvelope) => boolean>();
  /** Per handled type, its one-statement step, where one was given. */
  private readonly steps = new Map<string, EventStep<unknown>>();
  /** Per handled type, the aggregate an event is about: it picks the event's lane. */
  private readonly aggregates = new Map<string, (data: unknown) => string>();
  /** Events decoded while routing, so a group does not decode them again. */
  private readonly decoded = new WeakMap<JsMsg, EventEnvelope>();
  private running = false;
  private loop: Promise<void> | null = null;
  private messages: ConsumerMessages | null = null;
  private pendingReadAt = 0;

  constructor(private readonly opts: ConsumerOptions) {}

  on<D extends AnyEventDefinition>(def: D, handler: EventHandler<PayloadOf<D>>, opts: HandlerOptions<PayloadOf<D>> = {}): this {
    this.handlers.set(def.type, handler as EventHandler<unknown>);
    if (opts.wants) this.wanted.set(def.type, opts.wants as (event: EventEnvelope) => boolean);
    if (opts.step) this.steps.set(def.type, opts.step as EventStep<unknown>);
    this.aggregates.set(def.type, def.aggregateId as (data: unknown) => string);
    return this;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.messages?.close().catch(() => undefined);
    await this.loop;
  }

  /** Creates or updates the durable consumer on the server. */
  async ensure(): Promise<void> {
    const { jsm, name, domain, namespace, ackWaitMs } = this.opts;
    const config = {
      durable_name: name,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      // nats-server 2.9 knows only the singular filter_subject.
      filter_subject: subjectOf(`${domain}.>`, namespace),
      // Unlimited on the server: the delivery bound is ours (`failed`). With JetStream's own
      // bound, a delivery that could not even be dead-lettered (the database down) was the
      // last one, and the event was gone without a trace; a saga stopped half way.
      max_deliver: -1,
      ack_wait: nanos(ackWaitMs),
      max_ack_pending: 1_000,
    };
    const stream = streamName(domain, namespace);
    try {
      await jsm().consumers.info(stream, name);
      await jsm().consumers.update(stream, name, config);
    } catch (err) {
      if (!/not found/i.test(String((err as Error).message))) throw err;
      await jsm().consumers.add(stream, config);
    }
  }

  private async run(): Promise<void> {
    const { log, batchSize } = this.opts;
    let ensured = false;
    let backoffMs = 200;
    while (this.running) {
      try {
        if (!ensured) {
          await this.ensure();
          ensured = true;
        }
        const consumer = await this.opts.js().consumers.get(streamName(this.opts.domain, this.opts.namespace), this.opts.name);
        // consume() keeps pull requests of `batchSize` flowing (and survives reconnects). When a
        // consumer's leader changes (a NATS cluster under load, a node restarting), the server
        // drops the waiting pulls with a 409 the client library does not act on: it pulls again
        // only after two idle heartbeats are missed, a heartbeat being half of `expires` (30 s by
        // default: a saga hop stalled for half a minute). A short `expires` bounds that stall.
        const messages = await consumer.consume({ max_messages: batchSize, expires: this.opts.pullExpiresMs });
        this.messages = messages;
        void this.logStatus(messages);
        if (!this.running) await messages.close();
        // Each lane writes one group at a time; messages that arrive meanwhile form its next
        // group: under load many events share one commit, when idle each is handled as soon as
        // it arrives. Lanes run side by side, so one saga's step does not queue behind
        // another's transaction (the order that matters, per aggregate, stays within a lane).
        const lanes = Array.from({ length: Math.max(1, this.opts.lanes) }, () => ({ queue: [] as JsMsg[], worker: Promise.resolve() }));
        for await (const msg of messages) {
          const lane = lanes[this.laneOf(msg, lanes.length)];
          if (lane && !this.ackedAsNotOurs(msg)) {
            lane.queue.push(msg);
            if (lane.queue.length === 1) {
              lane.worker = lane.worker.then(() => this.drain(lane.queue)).catch((err: unknown) => this.laneFailed(lane.queue, err));
              void this.refreshPending(consumer);
            }
          }
          backoffMs = 200;
        }
        await Promise.all(lanes.map((l) => l.worker));
      } catch (err) {
        log.warn({ consumer: this.opts.name, err: (err as Error).message }, 'consumer fetch failed; retrying');
        ensured = false;
        await new Promise((r) => setTimeout(r, backoffMs));
        backoffMs = Math.min(backoffMs * 2, 5_000);
      }
    }
  }

  /**
   * The lane of a delivery: by its event's aggregate, so one aggregate's events stay in order.
   * Messages that are not events go to lane 0, where `handle` dead-letters them.
   */
  private laneOf(msg: JsMsg, lanes: number): number {
    let event: EventEnvelope;
    try {
      event = decodeEvent(msg.data);
    } catch {
      return 0;
    }
    this.decoded.set(msg, event);
    const aggregateOf = this.aggregates.get(event.type);
    if (!aggregateOf || lanes === 1) return 0; // not ours: acked at once (ackedAsNotOurs)
    let key: string;
    try {
      key = aggregateOf(event.data);
    } catch {
      return 0;
    }
    return laneOfAggregate(String(key), lanes);
  }

  /**
   * A consumer reads its domain's whole stream but handles a few types, and of those maybe only
   * the events its `wants` filter picks: the others are acked as they arrive rather than queued
   * behind a transaction.
   */
  private ackedAsNotOurs(msg: JsMsg): boolean {
    const event = this.decoded.get(msg);
    if (!event || this.handlerFor(event)) return false;
    this.ackUnwanted(msg, event);
    return true;
  }

  /** The handler of an event this consumer wants, or undefined (another type, or filtered out). */
  private handlerFor(event: EventEnvelope): EventHandler<unknown> | undefined {
    const handler = this.handlers.get(event.type);
    const wants = this.wanted.get(event.type);
    return handler && (!wants || wants(event)) ? handler : undefined;
  }

  private ackUnwanted(msg: JsMsg, event: EventEnvelope): void {
    msg.ack();
    if (this.handlers.has(event.type)) this.opts.metrics.handled.inc({ consumer: this.opts.name, outcome: 'unwanted' });
  }

  /**
   * The pull's troubles, in the log: missed heartbeats (dropped pulls being renewed), a consumer
   * or stream that went away, no responders (no JetStream leader at that moment).
   */
  private async logStatus(messages: ConsumerMessages): Promise<void> {
    const { log, name } = this.opts;
    for await (const status of messages.status()) {
      if (PULL_TROUBLES.has(status.type)) log.warn({ consumer: name, status }, 'consumer pull status');
    }
  }

  /**
   * A group that threw outside its transaction (the dead-letter insert failed, say): its messages
   * are neither acked nor nak'd, so the server redelivers them after the ack wait. The lane goes
   * on with what queued meanwhile instead of stopping for good (and the rejection taking the
   * process down).
   */
  private async laneFailed(queue: JsMsg[], err: unknown): Promise<void> {
    this.opts.log.error({ consumer: this.opts.name, err: (err as Error).message }, 'consumer lane failed; its group is redelivered after the ack wait');
    await this.drain(queue).catch((again: unknown) => this.laneFailed(queue, again));
  }

  /** Updates the pending gauge, at most every PENDING_REFRESH_MS (it costs a request, so no lane waits for it). */
  private async refreshPending(consumer: { info: () => Promise<{ num_pending: number }> }): Promise<void> {
    if (Date.now() - this.pendingReadAt < PENDING_REFRESH_MS) return;
    this.pendingReadAt = Date.now();
    const info = await consumer.info().catch(() => null);
    if (info) this.opts.metrics.pending.set({ consumer: this.opts.name }, info.num_pending);
  }

  private async drain(queue: JsMsg[]): Promise<void> {
    while (queue.length > 0) await this.handle(queue.splice(0));
  }

  /**
   * A group of deliveries in one transaction, each event in its own savepoint: one commit for
   * the group, while a failing event rolls back alone. Acks go out only after the commit.
   */
  async handle(msgs: JsMsg[]): Promise<void> {
    const { metrics, name } = this.opts;
    const work: Delivery[] = [];
    for (const msg of msgs) {
      if (msg.info.deliveryCount > 1) metrics.redelivered.inc({ consumer: name });
      let event: EventEnvelope;
      try {
        event = this.decoded.get(msg) ?? decodeEvent(msg.data);
      } catch (err) {
        // A message that cannot be decoded will never succeed: dead-letter it at once.
        await this.deadLetter(msg, null, err as Error);
        continue;
      }
      const handler = this.handlerFor(event);
      if (handler) work.push({ msg, event, handler, step: this.steps.get(event.type) });
      else this.ackUnwanted(msg, event); // another consumer's business, or nothing for this one
    }
    if (work.length === 0) return;
    const outcomes = await this.applyInOrder(work);
    // Lanes write concurrently, and a group locks rows in the order its events come: two
    // transactions can deadlock (or a serializable check fail). Such an event is retried alone,
    // once, at once, instead of waiting out the redelivery backoff — a saga step should not
    // stall half a second for it.
    for (const [i, outcome] of outcomes.entries()) {
      if (isTransient(outcome)) outcomes[i] = await this.applyOne(work[i] as Delivery);
    }
    for (const [i, { msg, event }] of work.entries()) {
      const outcome = outcomes[i] ?? new Error('no outcome');
      if (outcome instanceof Error) await this.failed(msg, event, outcome);
      else {
        msg.ack();
        metrics.handled.inc({ consumer: name, outcome });
        if (outcome === 'handled') metrics.business.sagaStep.observe({ consumer: name, type: event.type }, Math.max(0, Date.now() - Date.parse(event.occurredAt)) / 1000);
      }
    }
  }

  /**
   * A group's events in stream order: an event with a step is one autocommit statement of its
   * own (fewer round trips than its share of a group transaction: SAVEPOINT, inbox, effect,
   * RELEASE); the runs of other events between them share a transaction as before.
   */
  private async applyInOrder(work: readonly Delivery[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let start = 0;
    while (start < work.length) {
      let end = start + 1;
      if (!work[start]?.step) while (end < work.length && !work[end]?.step) end++;
      const run = work.slice(start, end);
      if (run.length === 1) outcomes.push(await this.applyOne(run[0] as Delivery));
      else outcomes.push(...(await this.applyGroup(run)));
      start = end;
    }
    return outcomes;
  }

  private applyOne(delivery: Delivery): Promise<Outcome> {
    return delivery.step ? this.applyStep(delivery, delivery.step) : this.applyAlone(delivery);
  }

  /**
   * The step's one statement; if it says 'fallback' (returned, or raised after its claim, which
   * the raise undid) nothing of it is left, and the event goes the general way.
   */
  private async applyStep({ event, handler }: Delivery, step: EventStep<unknown>): Promise<Outcome> {
    const { db, name, log } = this.opts;
    const tried = (): Promise<StepOutcome> =>
      step(db, event, { consumer: name, log }).catch((err: unknown) => {
        if (sqlStateOf(err) === STEP_FALLBACK_SQLSTATE) return 'fallback';
        throw err;
      });
    try {
      return await this.traced(event, async () => {
        const outcome = await tried();
        return outcome === 'fallback' ? db.transaction((tx) => this.applyTraced(tx, event, handler)) : outcome;
      });
    } catch (err) {
      return err as Error;
    }
  }

  /**
   * One event on its own needs no savepoint: if it fails, its transaction holds nothing else.
   * That is the common case of a saga step on a quiet system (each hop is one event), and two
   * round trips fewer on each hop.
   */
  private async applyAlone({ event, handler }: Delivery): Promise<Outcome> {
    try {
      return await this.opts.db.transaction((tx) => this.applyOnce(tx, event, handler));
    } catch (err) {
      return err as Error;
    }
  }

  /** Several events in one transaction, each in its own savepoint, so a failing one rolls back alone. */
  private async applyGroup(work: readonly Delivery[]): Promise<Outcome[]> {
    try {
      return await this.opts.db.transaction(async (tx) => {
        const results: Outcome[] = [];
        for (const { event, handler } of work) {
          try {
            results.push(await tx.transaction(async (savepoint) => this.applyOnce(savepoint, event, handler)));
          } catch (err) {
            results.push(err as Error);
          }
        }
        return results;
      });
    } catch (err) {
      return work.map(() => err as Error); // the commit itself failed: nothing was applied
    }
  }

  /** The inbox row and the handler's effect, together: a second delivery finds the row. */
  private applyOnce(tx: Tx, event: EventEnvelope, handler: EventHandler<unknown>): Promise<'handled' | 'duplicate'> {
    return this.traced(event, () => this.applyTraced(tx, event, handler));
  }

  /**
   * A saga step: a span in the trace of the request that caused the event, linked to the span
   * that wrote it, since it runs later and elsewhere rather than inside that call.
   */
  private traced<R>(event: EventEnvelope, run: () => Promise<R>): Promise<R> {
    const span = { kind: SpanKind.CONSUMER, parent: contextOf(event.traceparent), links: linkTo(event.traceparent), attributes: { 'messaging.consumer.group.name': this.opts.name, 'messaging.message.id': event.id } };
    return inSpan(`consume ${event.type}`, span, run);
  }

  private async applyTraced(tx: Tx, event: EventEnvelope, handler: EventHandler<unknown>): Promise<'handled' | 'duplicate'> {
    const inserted = await tx.execute(
      sql`INSERT INTO ${this.opts.inbox} (consumer, event_id) VALUES (${this.opts.name}, ${event.id}) ON CONFLICT DO NOTHING RETURNING event_id`,
    );
    if (inserted.rows.length === 0) return 'duplicate';
    await handler(tx, event, this.opts.log);
    return 'handled';
  }

  /**
   * Retries later with backoff, or dead-letters once the delivery bound is reached. A database
   * that cannot be reached says nothing about the event: it is retried for as long as the outage
   * lasts (a primary's crash recovery can outlast the few seconds the bound's backoffs add up to),
   * and so is an event whose dead letter could not be written.
   */
  private async failed(msg: JsMsg, event: EventEnvelope, err: Error): Promise<void> {
    const { metrics, name, log } = this.opts;
    const deliveries = msg.info.deliveryCount;
    if (deliveries >= this.opts.maxDeliver && !databaseUnreachable(err)) {
      try {
        await this.deadLetter(msg, event, err);
        return;
      } catch (again) {
        log.error({ consumer: name, eventId: event.id, type: event.type, err: (again as Error).message }, 'dead letter not written; the event is retried');
      }
    }
    const delayMs = Math.min(this.opts.backoffMs * 2 ** (deliveries - 1), this.opts.maxBackoffMs);
    log.warn({ consumer: name, eventId: event.id, type: event.type, deliveries, delayMs, err: err.message }, 'handler failed; will retry');
    metrics.handled.inc({ consumer: name, outcome: 'failed' });
    msg.nak(delayMs);
  }

  private async deadLetter(msg: JsMsg, event: EventEnvelope | null, err: Error): Promise<void> {
    const { db, deadLetters, name, log, metrics, namespace } = this.opts;
    await db.insert(deadLetters).values({
      consumer: name,
      eventId: event?.id ?? null,
      type: event?.type ?? typeOfSubject(msg.subject, namespace),
      subject: msg.subject,
      payload: new TextDecoder().decode(msg.data),
      error: err instanceof EventSchemaError ? `invalid event: ${err.message}` : err.message,
      deliveries: msg.info.deliveryCount,
    });
    msg.term(`dead-lettered: ${err.message}`.slice(0, 200));
    metrics.deadLettered.inc({ consumer: name });
    log.error({ consumer: name, eventId: event?.id, subject: msg.subject, err: err.message }, 'event dead-lettered');
  }
}

/** The lane of an aggregate: a stable, cheap hash of its id (FNV-1a) spread over the lanes. */
export function laneOfAggregate(key: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % lanes;
}

/** Postgres errors that say "try again": a deadlock victim, a serialization failure. */
/** SQLSTATE classes and socket errors of a database that is down, restarting or cut off. */
const UNREACHABLE_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNREACHABLE_MESSAGE = /connection terminated|timeout exceeded when trying to connect|connection error|not queryable/i;

/** Whether a handler failed because Postgres could not be reached (the error or its cause). */
export function databaseUnreachable(err: Error): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (UNREACHABLE_MESSAGE.test(e.message)) return true;
  }
  return false;
}

function isTransient(outcome: Outcome | undefined): boolean {
  if (!(outcome instanceof Error)) return false;
  const code = (outcome as { code?: unknown }).code ?? (outcome.cause as { code?: unknown } | undefined)?.code;
  return code === '40P01' || code === '40001';
}
