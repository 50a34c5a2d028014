import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type pg from 'pg';
import type { Registry } from 'prom-client';
import type { Db, Logger } from '@sx/runtime';
import { EventConsumer } from './consumer.js';
import type { EventsConfig } from './env.js';
import { createEventMetrics, type EventMetrics } from './metrics.js';
import { OutboxRelay } from './relay.js';
import { ensureStreams, streamSettingsOf } from './streams.js';
import type { DeadLetterTable, InboxTable, OutboxTable } from './tables.js';

export interface EventRuntimeOptions {
  service: string;
  config: EventsConfig;
  db: Db;
  /** The pool under `db` (the active outbox relay keeps one connection of it). */
  pool: pg.Pool;
  log: Logger;
  registry: Registry;
  tables: { outbox: OutboxTable; inbox: InboxTable; deadLetters: DeadLetterTable };
}

/**
 * One service's link to JetStream: the connection, the outbox relay and its consumers.
 * It starts even while NATS is down (writes keep landing in the outbox) and catches up when
 * NATS returns.
 */
export class EventRuntime {
  readonly metrics: EventMetrics;
  readonly relay: OutboxRelay;
  private readonly consumers: EventConsumer[] = [];
  private nc: NatsConnection | null = null;
  private jsClient: JetStreamClient | null = null;
  private jsmClient: JetStreamManager | null = null;
  private connecting: Promise<void> | null = null;

  constructor(private readonly opts: EventRuntimeOptions) {
    this.metrics = createEventMetrics(opts.registry);
    this.relay = new OutboxRelay({
      service: opts.service,
      db: opts.db,
      pool: opts.pool,
      databaseUrl: opts.config.DATABASE_URL,
      outbox: opts.tables.outbox,
      js: () => this.js(),
      namespace: opts.config.EVENTS_NAMESPACE,
      log: opts.log,
      metrics: this.metrics,
      batchSize: opts.config.OUTBOX_BATCH,
      pollIntervalMs: opts.config.OUTBOX_POLL_MS,
      publishTimeoutMs: opts.config.NATS_PUBLISH_TIMEOUT_MS,
      maxBackoffMs: 5_000,
    });
    // Computed on scrape so the gauge is never stale.
    const relay = this.relay;
    const backlog = this.metrics.backlog;
    (backlog as unknown as { collect?: () => Promise<void> }).collect = async () => {
      backlog.set(await relay.backlog().catch(() => -1));
    };
  }

  /** Declares a durable consumer of another domain's events; register handlers with `.on`. */
  consumer(name: string, domain: string): EventConsumer {
    const { config, db, log, tables } = this.opts;
    const consumer = new EventConsumer({
      name,
      domain,
      namespace: config.EVENTS_NAMESPACE,
      db,
      inbox: tables.inbox,
      deadLetters: tables.deadLetters,
      jsm: () => this.jsm(),
      js: () => this.js(),
      log,
      metrics: this.metrics,
      maxDeliver: config.CONSUMER_MAX_DELIVER,
      ackWaitMs: config.CONSUMER_ACK_WAIT_MS,
      backoffMs: config.CONSUMER_BACKOFF_MS,
      maxBackoffMs: config.CONSUMER_MAX_BACKOFF_MS,
      batchSize: config.CONSUMER_BATCH,
      pullExpiresMs: config.CONSUMER_PULL_EXPIRES_MS,
      lanes: config.CONSUMER_LANES,
    });
    this.consumers.push(consumer);
    return consumer;
  }

  /** Connects (in the background if NATS is down), then runs the relay and the consumers. */
  start(): void {
    this.connecting ??= this.connectAndPrepare();
    if (this.opts.config.OUTBOX_RELAY === 'on') this.relay.start();
    for (const c of this.consumers) c.start();
  }

  /** Resolves once connected and the streams exist (tests, readiness details). */
  async ready(): Promise<void> {
    this.connecting ??= this.connectAndPrepare();
    await this.connecting;
  }

  async stop(): Promise<void> {
    await Promise.all([this.relay.stop(), ...this.consumers.map((c) => c.stop())]);
    await this.nc?.drain().catch(() => undefined);
  }

  /** What /readyz reports about events (informational: NATS down must not stop writes). */
  async health(): Promise<Record<string, unknown>> {
    return {
      nats: this.nc && !this.nc.isClosed() ? 'connected' : 'disconnected',
      outboxBacklog: await this.relay.backlog().catch(() => null),
    };
  }

  /** A round trip to the NATS server: rejects while disconnected (readiness probes it with a timeout). */
  async ping(): Promise<void> {
    if (!this.nc || this.nc.isClosed()) throw new Error('NATS is not connected');
    await this.nc.rtt();
  }

  private js(): JetStreamClient {
    if (!this.jsClient) throw new Error('NATS is not connected yet');
    return this.jsClient;
  }

  private jsm(): JetStreamManager {
    if (!this.jsmClient) throw new Error('NATS is not connected yet');
    return this.jsmClient;
  }

  private async connectAndPrepare(): Promise<void> {
    const { config, log, service } = this.opts;
    this.nc = await connect({
      servers: config.NATS_URL,
      name: service,
      waitOnFirstConnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    this.jsClient = jetstream(this.nc);
    this.jsmClient = await jetstreamManager(this.nc);
    for (let attempt = 1; ; attempt++) {
      try {
        await ensureStreams(this.jsmClient, streamSettingsOf(config));
        break;
      } catch (err) {
        log.warn({ err: (err as Error).message, attempt }, 'could not ensure streams yet');
        await new Promise((r) => setTimeout(r, Math.min(200 * attempt, 5_000)));
      }
    }
    log.info({ nats: config.NATS_URL }, 'events connected');
  }
}
