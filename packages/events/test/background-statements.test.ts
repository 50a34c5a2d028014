import { eq, sql } from 'drizzle-orm';
import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createDb, createPool, type Queryable } from '@sx/runtime';
import { taskPosted } from '../src/catalogue/index.js';
import { EventRuntime } from '../src/event-runtime.js';
import type { EventStep } from '../src/consumer-step.js';
import { testEventsConfig } from '@sx/testkit';
import { effects, eventually, postTask, silentLog, tables, useFixture } from './fixture.js';

// What one event costs the service that relays it and the service that handles it, counted on
// the pool the way /metrics counts background statements. A saga hop on a quiet system is one
// event: relay SELECT + UPDATE (its session lock taken once), consumer BEGIN, inbox, effect,
// COMMIT. One more statement on this path fails here and has to say why it is worth it.
const RELAY_STATEMENTS = 2;
const CONSUMER_STATEMENTS = 4;
/** A saga hop whose step claims the inbox row in its effect's statement: one autocommit statement. */
const STEP_STATEMENTS = 1;
/** The amount of the posted events the counted handler's `wants` filter turns away. */
const UNWANTED_AMOUNT = 7;
/** The amount of the posted events the counted step claims and then sends the general way. */
const FALLBACK_AMOUNT = 9;

type Posted = Parameters<EventStep<{ taskId: string; budget: { amountMinor: number } }>>[1];

/**
 * A step as the services write them, in SQL of the test's own: the inbox row and the effect in
 * one statement, 'duplicate' when the row was there; for FALLBACK_AMOUNT it claims the row and
 * then raises SXF01, as the services' functions do when the general way must decide.
 */
const countedStep = async (db: Queryable, event: Posted, { consumer }: { consumer: string }) => {
  if (event.data.budget.amountMinor === FALLBACK_AMOUNT) {
    await db.execute(sql`SELECT evt_test.claim_then_fall_back(${consumer}, ${event.id}::uuid)`);
    return 'handled' as const; // not reached: the function raises
  }
  const inserted = await db.execute(sql`WITH claimed AS (
      INSERT INTO evt_test.inbox (consumer, event_id) VALUES (${consumer}, ${event.id}::uuid) ON CONFLICT DO NOTHING RETURNING event_id)
    INSERT INTO evt_test.effects (consumer, event_id, task_id, version) SELECT ${consumer}, event_id, ${event.data.taskId}, ${event.version} FROM claimed RETURNING 1`);
  return inserted.rows.length === 1 ? ('handled' as const) : ('duplicate' as const);
};

const fixture = useFixture();

async function relayed(): Promise<void> {
  await eventually(
    () => fixture.current.db.execute(sql`SELECT count(*)::int AS n FROM evt_test.outbox WHERE published_at IS NULL`),
    (r) => (r.rows[0] as { n: number }).n === 0,
  );
}

async function publishedAndHandled(taskId: string): Promise<void> {
  await eventually(() => fixture.current.db.select().from(effects).where(eq(effects.taskId, taskId)), (rows) => rows.length === 1);
  await relayed();
}

/**
 * A runtime relaying evt_test's outbox and consuming it as `counted`, on a pool that counts its
 * statements; `run` gets the count so far and the handled-events counter's value for an outcome.
 */
async function withCountedRuntime(
  namespace: string,
  run: (io: { statements: () => Promise<number>; handled: (outcome: string) => Promise<number> }) => Promise<void>,
  opts: { step?: typeof countedStep } = {},
): Promise<void> {
  const registry = new Registry();
  const counted = new Counter({ name: 'background', help: 'statements outside requests', registers: [registry] });
  const pool = createPool({ url: fixture.current.databaseUrl, max: 4, queryCounter: new Counter({ name: 'requests', help: 'unused', registers: [registry] }), backgroundQueryCounter: counted });
  const runtime = new EventRuntime({
    service: 'evt_test',
    // No fallback poll during the count: the relay runs when the commit's NOTIFY wakes it.
    config: { ...testEventsConfig({ natsUrl: fixture.current.nats.url, databaseUrl: fixture.current.databaseUrl, namespace }), OUTBOX_POLL_MS: 60_000 },
    db: createDb(pool),
    pool,
    log: silentLog,
    registry,
    tables,
  });
  const wants = (event: { data: { budget: { amountMinor: number } } }) => event.data.budget.amountMinor !== UNWANTED_AMOUNT;
  runtime.consumer('counted', 'tasks').on(
    taskPosted,
    async (tx, event) => {
      await tx.insert(effects).values({ consumer: 'counted', eventId: event.id, taskId: event.data.taskId, version: event.version });
    },
    { wants, ...(opts.step ? { step: opts.step } : {}) },
  );
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
    await postTask(fixture.current.db, warmUp);
    await publishedAndHandled(warmUp);
    const handled = async (outcome: string) => (await registry.getSingleMetric('sx_events_handled_total')?.get())?.values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
    await run({ statements: async () => (await counted.get()).values[0]?.value ?? 0, handled });
  } finally {
    await runtime.stop();
    await pool.end();
  }
}

describe('background statements of one event', () => {
  it(`are ${RELAY_STATEMENTS} to relay it and ${CONSUMER_STATEMENTS} to handle it`, async () => {
    await withCountedRuntime('counted', async ({ statements }) => {
      const before = await statements();
      const task = crypto.randomUUID();
      await postTask(fixture.current.db, task);
      await publishedAndHandled(task);
      expect((await statements()) - before).toBe(RELAY_STATEMENTS + CONSUMER_STATEMENTS);
    });
  });

  it('cost a consumer no statement, and leave no inbox row, when its handler does not want the event', async () => {
    await withCountedRuntime('unwanted', async ({ statements, handled }) => {
      const before = await statements();
      const task = crypto.randomUUID();
      await postTask(fixture.current.db, task, UNWANTED_AMOUNT);
      await relayed();
      await eventually(() => handled('unwanted'), (n) => n === 1);
      expect((await statements()) - before).toBe(RELAY_STATEMENTS);
      const seen = await fixture.current.db.execute(sql`SELECT count(*)::int AS n FROM evt_test.inbox WHERE consumer = 'counted' AND event_id IN (SELECT id FROM evt_test.outbox WHERE envelope->'data'->>'taskId' = ${task})`);
      expect((seen.rows[0] as { n: number }).n).toBe(0);
      expect(await fixture.current.db.select().from(effects).where(eq(effects.taskId, task))).toEqual([]);

      // A wanted event after it is handled as before: the filter turns away only what it names.
      const wanted = crypto.randomUUID();
      const beforeWanted = await statements();
      await postTask(fixture.current.db, wanted);
      await publishedAndHandled(wanted);
      expect((await statements()) - beforeWanted).toBe(RELAY_STATEMENTS + CONSUMER_STATEMENTS);
    });
  });

  it(`are ${STEP_STATEMENTS} to handle it when the handler's step claims the inbox row in its effect's statement`, async () => {
    await withCountedRuntime(
      'stepped',
      async ({ statements }) => {
        const before = await statements();
        const task = crypto.randomUUID();
        await postTask(fixture.current.db, task);
        await publishedAndHandled(task);
        expect((await statements()) - before).toBe(RELAY_STATEMENTS + STEP_STATEMENTS);
        const inbox = await fixture.current.db.execute(sql`SELECT count(*)::int AS n FROM evt_test.inbox i JOIN evt_test.effects e USING (event_id) WHERE i.consumer = 'counted' AND e.task_id = ${task}`);
        expect((inbox.rows[0] as { n: number }).n).toBe(1);
      },
      { step: countedStep },
    );
  });

  it('go the general way once when a step falls back after claiming: its claim is undone, the effect happens exactly once', async () => {
    await fixture.current.db.execute(sql`CREATE OR REPLACE FUNCTION evt_test.claim_then_fall_back(p_consumer text, p_event uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO evt_test.inbox (consumer, event_id) VALUES (p_consumer, p_event);
        RAISE EXCEPTION 'the general way decides' USING ERRCODE = 'SXF01';
      END $$`);
    await withCountedRuntime(
      'fell-back',
      async ({ statements, handled }) => {
        const before = await statements();
        const task = crypto.randomUUID();
        await postTask(fixture.current.db, task, FALLBACK_AMOUNT);
        // Had the claim stayed, the general way would find the inbox row and write no effect.
        await publishedAndHandled(task);
        expect((await statements()) - before).toBe(RELAY_STATEMENTS + STEP_STATEMENTS + CONSUMER_STATEMENTS);
        expect(await handled('failed')).toBe(0);
        const inbox = await fixture.current.db.execute(sql`SELECT count(*)::int AS n FROM evt_test.inbox i JOIN evt_test.effects e USING (event_id) WHERE i.consumer = 'counted' AND e.task_id = ${task}`);
        expect((inbox.rows[0] as { n: number }).n).toBe(1);
      },
      { step: countedStep },
    );
  });
});
