import { asc, inArray, isNull, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { JetStreamClient } from '@nats-io/jetstream';
import pg from 'pg';
import { contextOf, inSpan, SpanKind, type Db, type Logger } from '@sx/runtime';
import type { EventEnvelope } from './envelope.js';
import { outboxChannel } from './outbox.js';
import type { EventMetrics } from './metrics.js';
import { subjectOf } from './streams.js';
import type { OutboxTable } from './tables.js';

export interface RelayOptions {
  service: string;
  db: Db;
  /** The pool `db` runs on: the active relay keeps one of its connections (it holds the lock). */
  pool: pg.Pool;
  databaseUrl: string;
  outbox: OutboxTable;
  js: () => JetStreamClient;
  namespace: string;
  log: Logger;
  metrics: EventMetrics;
  /** OUTBOX_BATCH: rows published per transaction. */
  batchSize: number;
  /** Fallback poll when no NOTIFY arrives (a lost LISTEN connection, events written by hand). */
  pollIntervalMs: number;
  publishTimeoutMs: number;
  /** Longest wait between retries while NATS is unreachable. */
  maxBackoffMs: number;
}

/**
 * Publishes a service's outbox to JetStream in `seq` order, marking rows sent only after the
 * ack. One relay per service publishes at a time (an advisory lock), so order holds across
 * instances; `Nats-Msg-Id` = event id lets JetStream drop a re-publish after a crash.
 *
 * The lock is a session lock on a pool connection the active relay keeps: a batch is then two
 * autocommit statements (read the pending rows, mark the acked ones sent) instead of a
 * transaction of four (BEGIN, lock + read, mark, COMMIT). If that connection breaks, Postgres
 * drops the lock with it and whichever relay tries next takes over.
 */
export class OutboxRelay {
  private running = false;
  private wake: (() => void) | null = null;
  /** Set by a NOTIFY that arrives while a batch is being published, so the next sleep is skipped. */
  private dirty = false;
  private listener: pg.Client | null = null;
  private loop: Promise<void> | null = null;
  /** The connection holding the advisory lock while this relay is the active one. */
  private holder: { client: pg.PoolClient; db: Db; onError: () => void } | null = null;

  constructor(private readonly opts: RelayOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
    this.letGo();
  }

  /** The lock holder's connection, taking the lock if no relay holds it; null while another does. */
  private async acquire(): Promise<Db | null> {
    if (this.holder) return this.holder.db;
    const client = await this.opts.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`outbox:${this.opts.service}`]);
      if (!rows[0]?.locked) {
        client.release();
        return null;
      }
    } catch (err) {
      client.release(true);
      throw err;
    }
    // A checked-out client has no error listener of the pool's: held idle between batches, a
    // server that ends its session (restart, pg_terminate_backend) would raise an uncaught error
    // and take the service down. Losing the session loses the lock, so let go and retake later.
    const onError = () => {
      if (this.holder?.client === client) this.letGo();
    };
    client.on('error', onError);
    this.holder = { client, db: drizzle(client) as unknown as Db, onError };
    return this.holder.db;
  }

  /** Closes the holder's connection, which ends its session and so frees the lock. */
  private letGo(): void {
    const holder = this.holder;
    this.holder = null;
    if (!holder) return;
    // Kept on through release: a late error from the closing socket must still have a listener.
    holder.client.on('error', () => undefined);
    holder.client.removeListener('error', holder.onError);
    holder.client.release(true);
  }

  /** A statement on the holder's connection; a failure there gives the lock up (the session may be gone). */
  private async onHolder<T>(statement: Promise<T>): Promise<T> {
    try {
      return await statement;
    } catch (err) {
      this.letGo();
      throw err;
    }
  }

  /** Publishes up to one batch; returns how many events were published (0 while another relay is active). */
  async publishBatch(): Promise<number> {
    const { outbox, batchSize, namespace, publishTimeoutMs, metrics } = this.opts;
    const db = await this.acquire();
    if (!db) return 0;
    const rows = await this.onHolder(
      db
        .select({ seq: outbox.seq, id: outbox.id, type: outbox.type, envelope: outbox.envelope, occurredAt: outbox.occurredAt })
        .from(outbox)
        .where(isNull(outbox.publishedAt))
        .orderBy(asc(outbox.seq))
        .limit(batchSize),
    );
    if (rows.length === 0) return 0;
    const js = this.opts.js();
    // Sent in order on one connection, acks awaited together: order is kept and a batch
    // costs one round trip. Only the prefix before a failure is marked sent.
    const results = await Promise.allSettled(
      rows.map((row) =>
        // The publish joins the trace of the request that wrote the event (its traceparent).
        inSpan(`publish ${row.type}`, { kind: SpanKind.PRODUCER, parent: contextOf((row.envelope as EventEnvelope).traceparent), attributes: { 'messaging.system': 'nats', 'messaging.message.id': row.id } }, () =>
          js.publish(subjectOf(row.type, namespace), JSON.stringify(row.envelope), { msgID: row.id, timeout: publishTimeoutMs }),
        ),
      ),
    );
    const firstFailure = results.findIndex((r) => r.status === 'rejected');
    const sent = firstFailure === -1 ? rows : rows.slice(0, firstFailure);
    if (sent.length > 0) {
      await this.onHolder(db.update(outbox).set({ publishedAt: sql`now()` }).where(inArray(outbox.seq, sent.map((r) => r.seq))));
      const now = Date.now();
      for (const row of sent) {
        metrics.relayLag.observe((now - row.occurredAt.getTime()) / 1000);
        metrics.business.published(row.envelope as EventEnvelope);
      }
      metrics.published.inc(sent.length);
    }
    if (firstFailure !== -1) {
      const reason = (results[firstFailure] as PromiseRejectedResult).reason as Error;
      throw new Error(`published ${sent.length} of ${rows.length}: ${reason?.message ?? reason}`);
    }
    return sent.length;
  }

  /** Pending rows, for the backlog gauge and health. */
  async backlog(): Promise<number> {
    const { db, outbox } = this.opts;
    const result = await db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(isNull(outbox.publishedAt));
    return result[0]?.n ?? 0;
  }

  private async run(): Promise<void> {
    let backoffMs = 100;
    while (this.running) {
      try {
        this.dirty = false;
        const published = await this.publishBatch();
        backoffMs = 100;
        if (published === this.opts.batchSize) continue;
        await this.sleep(this.opts.pollIntervalMs);
      } catch (err) {
        this.opts.metrics.relayErrors.inc();
        this.opts.log.warn({ err: (err as Error).message }, 'outbox relay batch failed; retrying');
        await this.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, this.opts.maxBackoffMs);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.dirty) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async listen(): Promise<void> {
    while (this.running && !this.listener) {
      const client = new pg.Client({ connectionString: this.opts.databaseUrl });
      try {
        await client.connect();
        client.on('notification', () => {
          this.dirty = true;
          this.wake?.();
        });
        client.on('error', () => {
          this.listener = null;
          void client.end().catch(() => undefined);
          if (this.running) setTimeout(() => void this.listen(), 1_000);
        });
        await client.query(`LISTEN "${outboxChannel(this.opts.service)}"`);
        this.listener = client;
        if (!this.running) await client.end();
      } catch (err) {
        this.opts.log.warn({ err: (err as Error).message }, 'outbox LISTEN failed; polling meanwhile');
        await client.end().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }
}
