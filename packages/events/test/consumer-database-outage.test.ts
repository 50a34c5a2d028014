import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createPool, type Db } from '@sx/runtime';
import { CuttableProxy, EventPublisher, testEventsConfig } from '@sx/testkit';
import { taskPosted } from '../src/catalogue/index.js';
import { EventRuntime } from '../src/event-runtime.js';
import { effects, eventually, POSTER, silentLog, tables, useFixture } from './fixture.js';

// A consumer whose database is unreachable fails every delivery of an event. Its deliveries
// used to be bounded on the server (max_deliver): once the bound was reached while the database
// was still down, the dead letter could not be written either, the server delivered nothing
// more, and the event was gone — a saga stuck half way with no dead letter to show for it
// (the cluster bank test, a primary crash at load 50).

const fixture = useFixture();
const NAMESPACE = 'db_outage';
const MAX_DELIVER = 2;

describe('a consumer whose database is unreachable', () => {
  it('keeps the event until the database is back, past the delivery bound, and handles it once without a dead letter', async () => {
    const { databaseUrl, nats, db } = fixture.current;
    const upstreamPort = Number(new URL(databaseUrl).port || 5432);
    const proxy = await CuttableProxy.start(upstreamPort);
    const viaProxy = new URL(databaseUrl);
    viaProxy.port = String(proxy.port);
    const pool = createPool({ url: viaProxy.toString(), max: 4 });
    const runtime = new EventRuntime({
      service: 'evt_test',
      config: { ...testEventsConfig({ natsUrl: nats.url, databaseUrl: viaProxy.toString(), namespace: NAMESPACE }), OUTBOX_RELAY: 'off', CONSUMER_MAX_DELIVER: MAX_DELIVER },
      db: drizzle(pool) as unknown as Db,
      pool,
      log: silentLog,
      registry: new Registry(),
      tables,
    });
    runtime.consumer('outage', 'tasks').on(taskPosted, async (tx, event) => {
      await tx.insert(effects).values({ consumer: 'outage', eventId: event.id, taskId: event.data.taskId, version: event.version });
    });
    const publisher = new EventPublisher({ natsUrl: nats.url, namespace: NAMESPACE });
    const effectsOf = (taskId: string) => db.select().from(effects).where(eq(effects.taskId, taskId));
    const publish = (taskId: string) => publisher.publish(taskPosted, { taskId, posterId: POSTER, status: 'OPEN', budget: { amountMinor: 1, currency: 'USD' }, dueAt: null });
    try {
      runtime.start();
      await runtime.ready();
      const first = crypto.randomUUID();
      await publish(first);
      await eventually(() => effectsOf(first), (rows) => rows.length === 1);

      proxy.cut();
      const during = crypto.randomUUID();
      await publish(during);
      // Delivered, and failed, more often than the bound allows: the server kept delivering.
      const redelivered = async () => (await runtime.metrics.redelivered.get()).values.find((v) => v.labels.consumer === 'outage')?.value ?? 0;
      await eventually(redelivered, (n) => n >= MAX_DELIVER + 1);
      expect(await effectsOf(during)).toHaveLength(0);

      proxy.restore();
      await eventually(() => effectsOf(during), (rows) => rows.length === 1);
      const dead = await db.select().from(tables.deadLetters).where(eq(tables.deadLetters.consumer, 'outage'));
      expect(dead).toHaveLength(0);
    } finally {
      await runtime.stop();
      await publisher.close();
      await pool.end();
      await proxy.stop();
    }
  }, 120_000);
});
