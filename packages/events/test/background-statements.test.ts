import { eq, sql } from 'drizzle-orm';
import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createDb, createPool } from '@sx/runtime';
import { taskPosted } from '../src/catalogue/index.js';
import { EventRuntime } from '../src/event-runtime.js';
import { testEventsConfig } from '@sx/testkit';
import { effects, eventually, postTask, silentLog, tables, useFixture } from './fixture.js';

// What one event costs the service that relays it and the service that handles it, counted on
// the pool the way /metrics counts background statements. A saga hop on a quiet system is one
// event: relay SELECT + UPDATE (its session lock taken once), consumer BEGIN, inbox, effect,
// COMMIT. One more statement on this path fails here and has to say why it is worth it.
const RELAY_STATEMENTS = 2;
const CONSUMER_STATEMENTS = 4;

const fixture = useFixture();
const post = (taskId: string) => postTask(fixture.current.db, taskId);

async function publishedAndHandled(taskId: string): Promise<void> {
  await eventually(() => fixture.current.db.select().from(effects).where(eq(effects.taskId, taskId)), (rows) => rows.length === 1);
  await eventually(
    () => fixture.current.db.execute(sql`SELECT count(*)::int AS n FROM evt_test.outbox WHERE published_at IS NULL`),
    (r) => (r.rows[0] as { n: number }).n === 0,
  );
}

describe('background statements of one event', () => {
  it(`are ${RELAY_STATEMENTS} to relay it and ${CONSUMER_STATEMENTS} to handle it`, async () => {
    const registry = new Registry();
    const counted = new Counter({ name: 'background', help: 'statements outside requests', registers: [registry] });
    const pool = createPool({ url: fixture.current.databaseUrl, max: 4, queryCounter: new Counter({ name: 'requests', help: 'unused', registers: [registry] }), backgroundQueryCounter: counted });
    const runtime = new EventRuntime({
      service: 'evt_test',
      // No fallback poll during the count: the relay runs when the commit's NOTIFY wakes it.
      config: { ...testEventsConfig({ natsUrl: fixture.current.nats.url, databaseUrl: fixture.current.databaseUrl, namespace: 'counted' }), OUTBOX_POLL_MS: 60_000 },
      db: createDb(pool),
      pool,
      log: silentLog,
      registry,
      tables,
    });
    runtime.consumer('counted', 'tasks').on(taskPosted, async (tx, event) => {
      await tx.insert(effects).values({ consumer: 'counted', eventId: event.id, taskId: event.data.taskId, version: event.version });
    });
    try {
      runtime.start();
      await runtime.ready();
      // The relay hears commits once its LISTEN is in (it connects in the background).
      await eventually(
        () => fixture.current.db.execute(sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN "outbox_evt_test"'`),
        (r) => (r.rows[0] as { n: number }).n === 1,
      );
      // The first event also takes the relay's lock and makes the consumer: not counted.
      const warmUp = crypto.randomUUID();
      await post(warmUp);
      await publishedAndHandled(warmUp);
      const before = (await counted.get()).values[0]?.value ?? 0;
      const task = crypto.randomUUID();
      await post(task);
      await publishedAndHandled(task);
      const after = (await counted.get()).values[0]?.value ?? 0;
      expect(after - before).toBe(RELAY_STATEMENTS + CONSUMER_STATEMENTS);
    } finally {
      await runtime.stop();
      await pool.end();
    }
  });
});
