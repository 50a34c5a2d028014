import { pgSchema } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { Registry } from 'prom-client';
import {
  appendEvent,
  deadLetterTable,
  EventRuntime,
  inboxTable,
  NAMESPACED_STREAM_MAX_BYTES,
  outboxTable,
  SYSTEM_ACTOR,
  type AnyEventDefinition,
  type EventEnvelope,
  type EventsConfig,
  type PayloadOf,
} from '@sx/events';
import { createDb, createLogger, type Db } from '@sx/runtime';
import { createFreshDatabase, dropDatabase } from './database.js';

const SERVICE = 'own_outbox';
const schema = pgSchema(SERVICE);
const tables = { outbox: outboxTable(schema), inbox: inboxTable(schema), deadLetters: deadLetterTable(schema) };

// Only the outbox is written here (this service runs no consumers), so only it is created;
// the columns are those of outboxTable.
const CREATE_OUTBOX = `
  CREATE SCHEMA ${SERVICE};
  CREATE TABLE ${SERVICE}.outbox (
    seq bigserial PRIMARY KEY, id uuid NOT NULL UNIQUE, type text NOT NULL, version integer NOT NULL,
    aggregate_id text NOT NULL, envelope jsonb NOT NULL, occurred_at timestamptz NOT NULL, published_at timestamptz);
  CREATE INDEX outbox_pending_idx ON ${SERVICE}.outbox (seq) WHERE published_at IS NULL;`;

/** Event settings for a service of a test's own: quick polls, retries and backoffs, small streams. */
export function testEventsConfig(opts: { natsUrl: string; databaseUrl: string; namespace: string }): EventsConfig {
  return {
    NATS_URL: opts.natsUrl,
    DATABASE_URL: opts.databaseUrl,
    EVENTS_NAMESPACE: opts.namespace,
    OUTBOX_RELAY: 'on',
    OUTBOX_BATCH: 100,
    OUTBOX_POLL_MS: 200,
    NATS_PUBLISH_TIMEOUT_MS: 1_000,
    CONSUMER_MAX_DELIVER: 5,
    CONSUMER_ACK_WAIT_MS: 30_000,
    CONSUMER_BACKOFF_MS: 50,
    CONSUMER_MAX_BACKOFF_MS: 200,
    CONSUMER_BATCH: 50,
    CONSUMER_PULL_EXPIRES_MS: 4_000,
    CONSUMER_LANES: 4,
    EVENTS_STREAM_MAX_BYTES: NAMESPACED_STREAM_MAX_BYTES,
    EVENTS_STREAM_REPLICAS: 1,
  };
}

/**
 * A service of a test's own that writes events the way subgraphs do: each in a transaction on a
 * fresh database's outbox, published to JetStream by the real relay (which rides out NATS
 * outages by retrying, never by losing or republishing under a new id).
 */
export class OwnOutbox {
  private constructor(
    private readonly databaseUrl: string,
    private readonly pool: pg.Pool,
    private readonly db: Db,
    readonly runtime: EventRuntime,
  ) {}

  static async start(opts: { natsUrl: string; namespace: string }): Promise<OwnOutbox> {
    const databaseUrl = await createFreshDatabase('sx_outbox');
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    // stop() drops the database; a pooled connection still closing then is terminated (57P01).
    // That is the teardown, not a failure, and unhandled it would fail the whole test run.
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') throw err;
    });
    await pool.query(CREATE_OUTBOX);
    const db = createDb(pool);
    const runtime = new EventRuntime({
      service: SERVICE,
      config: testEventsConfig({ natsUrl: opts.natsUrl, databaseUrl, namespace: opts.namespace }),
      db,
      pool,
      log: createLogger('own-outbox', 'silent'),
      registry: new Registry(),
      tables,
    });
    runtime.start();
    await runtime.ready();
    return new OwnOutbox(databaseUrl, pool, db, runtime);
  }

  /** Writes one event in its own transaction; the relay publishes it after the commit. */
  async append<D extends AnyEventDefinition>(def: D, data: PayloadOf<D>): Promise<EventEnvelope<PayloadOf<D>>> {
    return this.db.transaction((tx) => appendEvent(tx, tables.outbox, def, data, { service: SERVICE, actor: SYSTEM_ACTOR }));
  }

  /** Events written but not yet acknowledged by JetStream. */
  backlog(): Promise<number> {
    return this.runtime.relay.backlog();
  }

  async stop(): Promise<void> {
    await this.runtime.stop();
    await this.pool.end();
    await dropDatabase(this.databaseUrl);
  }
}
