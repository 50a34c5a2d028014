import { eq } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { taskPosted } from '../src/catalogue/index.js';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Registry } from 'prom-client';
import type { Db } from '@sx/runtime';
import { testEventsConfig } from '@sx/testkit';
import { EventRuntime } from '../src/event-runtime.js';
import { effects, eventually, postTask, silentLog, tables, useFixture } from './fixture.js';

// The active relay keeps the connection that holds its session lock checked out between
// batches. On a bare pg.Pool (no error listeners on its clients, unlike the services' pools) a
// server that ends that session would be an uncaught error here unless the relay listens.

const fixture = useFixture();
const post = (taskId: string) => postTask(fixture.current.db, taskId);

const handled = (taskId: string) => eventually(() => fixture.current.db.select().from(effects).where(eq(effects.taskId, taskId)), (rows) => rows.length === 1);

describe('the relay whose lock session the server ends', () => {
  it('lets the lock go without an uncaught error and relays the next event', async () => {
    const bare = new pg.Pool({ connectionString: fixture.current.databaseUrl, max: 4 });
    const runtime = new EventRuntime({
      service: 'evt_test',
      config: testEventsConfig({ natsUrl: fixture.current.nats.url, databaseUrl: fixture.current.databaseUrl, namespace: 'lost_lock' }),
      db: drizzle(bare) as unknown as Db,
      pool: bare,
      log: silentLog,
      registry: new Registry(),
      tables,
    });
    runtime.consumer('lost_lock', 'tasks').on(taskPosted, async (tx, event) => {
      await tx.insert(effects).values({ consumer: 'lost_lock', eventId: event.id, taskId: event.data.taskId, version: event.version });
    });
    runtime.start();
    const first = crypto.randomUUID();
    await post(first);
    await handled(first);

    const admin = new pg.Client({ connectionString: fixture.current.databaseUrl });
    await admin.connect();
    try {
      const holders = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      expect(holders.rows).toHaveLength(1);
      await admin.query('SELECT pg_terminate_backend($1)', [holders.rows[0]!.pid]);
      // The lock goes with the session; the next batch takes it again on a new connection.
      const second = crypto.randomUUID();
      await post(second);
      await handled(second);
      const after = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      expect(after.rows).toHaveLength(1);
      expect(after.rows[0]!.pid).not.toBe(holders.rows[0]!.pid);
    } finally {
      await admin.end();
      await runtime.stop();
      await bare.end();
    }
  });
});
