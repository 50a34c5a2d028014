import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { integer, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/node-postgres';
import { pino } from 'pino';
import pg from 'pg';
import { Registry } from 'prom-client';
import { afterAll, beforeAll } from 'vitest';
import { createFreshDatabase, dropDatabase, OwnNatsServer, testEventsConfig } from '@sx/testkit';
import { createPool, type Db } from '@sx/runtime';
import { deadLetterTable, inboxTable, outboxTable } from '../src/tables.js';
import { EventRuntime } from '../src/event-runtime.js';
import { taskPosted } from '../src/catalogue/index.js';
import { SYSTEM_ACTOR } from '../src/envelope.js';
import { appendEvent } from '../src/outbox.js';
import type { EventsConfig } from '../src/env.js';

/** A service of the tests' own, `evt_test`, with the three event tables and a table of effects. */
export const schema = pgSchema('evt_test');
export const tables = {
  outbox: outboxTable(schema),
  inbox: inboxTable(schema),
  deadLetters: deadLetterTable(schema),
};
/** What handlers do: one row per handled event, so a second effect shows as a second row. */
export const effects = schema.table('effects', {
  consumer: text('consumer').notNull(),
  eventId: uuid('event_id').notNull(),
  taskId: text('task_id').notNull(),
  version: integer('version').notNull(),
  dueAt: text('due_at'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export interface Fixture {
  databaseUrl: string;
  pool: pg.Pool;
  db: Db;
  nats: OwnNatsServer;
  runtime: (namespace: string, overrides?: Partial<EventsConfig>) => EventRuntime;
  /** Stops the runtimes a test started: they share one outbox, so only one may relay at a time. */
  stopRuntimes: () => Promise<void>;
  close: () => Promise<void>;
}

export const silentLog = pino({ level: 'silent' });

export async function createFixture(): Promise<Fixture> {
  const databaseUrl = await createFreshDatabase('sx_events');
  // The services' pool (it listens for errors on every client): closing the fixture drops the
  // database, which ends any session still open as a Postgres restart would.
  const pool = createPool({ url: databaseUrl, max: 8 });
  const statements = await generateMigration(generateDrizzleJson({}), generateDrizzleJson({ schema, ...tables, effects }));
  for (const statement of statements) await pool.query(statement);
  const db = drizzle(pool) as unknown as Db;
  const nats = await OwnNatsServer.start();
  const runtimes: EventRuntime[] = [];
  return {
    databaseUrl,
    pool,
    db,
    nats,
    runtime: (namespace, overrides = {}) => {
      const runtime = new EventRuntime({
        service: 'evt_test',
        config: { ...testEventsConfig({ natsUrl: nats.url, databaseUrl, namespace }), ...overrides },
        db,
        pool,
        log: silentLog,
        registry: new Registry(),
        tables,
      });
      runtimes.push(runtime);
      return runtime;
    },
    stopRuntimes: async () => {
      await Promise.all(runtimes.splice(0).map((r) => r.stop()));
    },
    close: async () => {
      await Promise.all(runtimes.map((r) => r.stop()));
      await nats.stop();
      await pool.end();
      await dropDatabase(databaseUrl);
    },
  };
}

/** Polls until `check` holds (no sleeps in tests: wait on the outcome with a deadline). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const POSTER = '11111111-1111-4111-8111-111111111111';

/** Writes tasks.task.posted for `taskId` in a transaction of its own; its amount tells events apart. */
export async function postTask(db: Db, taskId: string, amountMinor = 1): Promise<void> {
  await db.transaction((tx) =>
    appendEvent(tx, tables.outbox, taskPosted, { taskId, posterId: POSTER, status: 'OPEN', budget: { amountMinor, currency: 'USD' }, dueAt: null }, { service: 'evt_test', actor: SYSTEM_ACTOR }),
  );
}

/** A fixture for the calling test file: created before its tests, closed after them. */
export function useFixture(): { readonly current: Fixture } {
  let fixture: Fixture | undefined;
  beforeAll(async () => {
    fixture = await createFixture();
  });
  afterAll(async () => {
    await fixture?.close();
  });
  return {
    get current(): Fixture {
      if (!fixture) throw new Error('the fixture is made in beforeAll');
      return fixture;
    },
  };
}
