import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { taskPosted } from '../src/catalogue/index.js';
import type { EventConsumer } from '../src/consumer.js';
import { SYSTEM_ACTOR } from '../src/envelope.js';
import type { EventRuntime } from '../src/event-runtime.js';
import { appendEvent } from '../src/outbox.js';
import { replayOutbox } from '../src/replay.js';
import { ensureStreams, NAMESPACED_STREAM_MAX_BYTES, streamName, subjectOf } from '../src/streams.js';
import { EventSchemaError } from '../src/validate.js';
import { createFixture, effects, eventually, tables, type Fixture } from './fixture.js';

let f: Fixture;
let nc: NatsConnection;
let namespaceCounter = 0;
const nextNamespace = () => `t${++namespaceCounter}`;
const POSTER = '11111111-1111-4111-8111-111111111111';

beforeAll(async () => {
  f = await createFixture();
  nc = await connect({ servers: f.nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 200, waitOnFirstConnect: true });
});
afterEach(async () => {
  await f.stopRuntimes();
});
afterAll(async () => {
  await nc?.close();
  await f?.close();
});

async function post(taskId: string, dueAt: string | null = null): Promise<void> {
  await f.db.transaction((tx) =>
    appendEvent(
      tx,
      tables.outbox,
      taskPosted,
      { taskId, posterId: POSTER, status: 'OPEN', budget: { amountMinor: 500, currency: 'USD' }, dueAt },
      { service: 'evt_test', actor: SYSTEM_ACTOR },
    ),
  );
}

// The fixture's runtimes are typed for any event definition.
function recordingConsumer(runtime: EventRuntime, name: string, fail?: (taskId: string) => boolean): EventConsumer {
  return runtime.consumer(name, 'tasks').on(taskPosted, async (tx, event) => {
    if (fail?.(event.data.taskId)) throw new Error(`cannot handle ${event.data.taskId}`);
    await tx.insert(effects).values({ consumer: name, eventId: event.id, taskId: event.data.taskId, version: event.version, dueAt: event.data.dueAt });
  });
}

async function effectsOf(consumer: string) {
  return f.db.select().from(effects).where(eq(effects.consumer, consumer));
}

const ids = (n: number): string[] => Array.from({ length: n }, () => crypto.randomUUID());

describe('transactional outbox → JetStream → durable consumer', () => {
  it('delivers every committed event once, and none from a rolled-back transaction', async () => {
    const runtime = f.runtime(nextNamespace());
    recordingConsumer(runtime, 'happy');
    runtime.start();
    const tasks = ids(20);
    for (const id of tasks) await post(id);
    await f.db
      .transaction(async (tx) => {
        await appendEvent(tx, tables.outbox, taskPosted, { taskId: crypto.randomUUID(), posterId: POSTER, status: 'OPEN', budget: { amountMinor: 1, currency: 'USD' }, dueAt: null }, { service: 'evt_test', actor: SYSTEM_ACTOR });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const rows = await eventually(() => effectsOf('happy'), (r) => r.length >= 20);
    expect(rows.map((r) => r.taskId).sort()).toEqual([...tasks].sort());
    await expect(runtime.relay.backlog()).resolves.toBe(0);
  });

  it('refuses to write an event whose payload fails its schema, and writes nothing', async () => {
    const before = await f.db.select({ n: sql<number>`count(*)::int` }).from(tables.outbox);
    await expect(
      f.db.transaction((tx) =>
        appendEvent(tx, tables.outbox, taskPosted, { taskId: 'not-a-uuid', posterId: POSTER, status: 'OPEN', budget: { amountMinor: 5, currency: 'USD' }, dueAt: null }, { service: 'evt_test', actor: SYSTEM_ACTOR }),
      ),
    ).rejects.toThrow(EventSchemaError);
    const after = await f.db.select({ n: sql<number>`count(*)::int` }).from(tables.outbox);
    expect(after).toEqual(before);
  });

  it('keeps writes working while NATS is down and delivers every event once when it returns', async () => {
    const runtime = f.runtime(nextNamespace());
    recordingConsumer(runtime, 'outage');
    runtime.start();
    await runtime.ready();
    await f.nats.pause();
    const tasks = ids(10);
    for (const id of tasks) await post(id);
    expect(await runtime.relay.backlog()).toBeGreaterThanOrEqual(10);
    await f.nats.resume();
    const rows = await eventually(() => effectsOf('outage'), (r) => r.length >= 10, 30_000);
    expect(rows.map((r) => r.taskId).sort()).toEqual([...tasks].sort());
    await eventually(() => runtime.relay.backlog(), (n) => n === 0);
    expect((await effectsOf('outage')).length).toBe(10);
  });

  it('redelivers an event whose handler committed but never acked, without a second effect', async () => {
    const runtime = f.runtime(nextNamespace(), { CONSUMER_ACK_WAIT_MS: 1_000 });
    const consumer = recordingConsumer(runtime, 'crashy');
    const original = consumer.handle.bind(consumer);
    let crashed = false;
    // The first delivery "crashes" after its transaction commits: the ack never reaches NATS.
    consumer.handle = async (msgs) => {
      const first = msgs[0];
      if (!crashed && first) {
        crashed = true;
        first.ack = () => undefined;
      }
      return original(msgs);
    };
    runtime.start();
    const [task] = ids(1);
    await post(task ?? '');
    await eventually(async () => (await runtime.metrics.handled.get()).values, (values) =>
      values.some((v) => v.labels.consumer === 'crashy' && v.labels.outcome === 'duplicate' && v.value >= 1),
    );
    const rows = await effectsOf('crashy');
    expect(rows).toHaveLength(1);
    const redelivered = (await runtime.metrics.redelivered.get()).values.find((v) => v.labels.consumer === 'crashy');
    expect(redelivered?.value).toBeGreaterThanOrEqual(1);
  });

  it('dead-letters a poison event after the delivery bound and keeps handling the events behind it', async () => {
    const runtime = f.runtime(nextNamespace(), { CONSUMER_MAX_DELIVER: 3 });
    const [poison, ...good] = ids(4);
    recordingConsumer(runtime, 'poisoned', (taskId) => taskId === poison);
    runtime.start();
    await post(poison ?? '');
    for (const id of good) await post(id);
    const rows = await eventually(() => effectsOf('poisoned'), (r) => r.length >= 3);
    expect(rows.map((r) => r.taskId).sort()).toEqual([...good].sort());
    const dead = await eventually(
      () => f.db.select().from(tables.deadLetters).where(eq(tables.deadLetters.consumer, 'poisoned')),
      (r) => r.length >= 1,
    );
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ type: 'tasks.task.posted', deliveries: 3, error: `cannot handle ${poison}` });
    expect(dead[0]?.payload).toContain(poison);
  });

  it('dead-letters a message that is not a valid event at once', async () => {
    const namespace = nextNamespace();
    const runtime = f.runtime(namespace);
    recordingConsumer(runtime, 'garbage');
    runtime.start();
    await runtime.ready();
    await jetstream(nc).publish(subjectOf('tasks.task.posted', namespace), '{"not":"an event"}');
    const dead = await eventually(
      () => f.db.select().from(tables.deadLetters).where(eq(tables.deadLetters.consumer, 'garbage')),
      (r) => r.length >= 1,
    );
    expect(dead[0]).toMatchObject({ deliveries: 1, eventId: null });
    expect(dead[0]?.error).toMatch(/^invalid event/);
  });

  it('has no duplicate effects when the relay restarts after publishing but before marking rows sent', async () => {
    const namespace = nextNamespace();
    const runtime = f.runtime(namespace);
    recordingConsumer(runtime, 'relay-restart');
    await runtime.ready();
    const tasks = ids(5);
    for (const id of tasks) await post(id);
    expect(await runtime.relay.publishBatch()).toBeGreaterThanOrEqual(5);
    // The crash: the publishes were acked but the UPDATE marking them never committed.
    await f.db.execute(sql`UPDATE evt_test.outbox SET published_at = NULL WHERE envelope->'data'->>'taskId' IN (${sql.join(tasks.map((t) => sql`${t}`), sql`, `)})`);
    expect(await runtime.relay.publishBatch()).toBeGreaterThanOrEqual(5);
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(streamName('tasks', namespace));
    runtime.start();
    await eventually(() => effectsOf('relay-restart'), (r) => r.length >= 5);
    expect((await effectsOf('relay-restart')).map((r) => r.taskId).sort()).toEqual([...tasks].sort());
    const messages = (await jsm.streams.info(streamName('tasks', namespace))).state.messages;
    expect(messages).toBe(info.state.messages);
    expect(messages).toBeLessThan(5 * 2);
  });

  it('handles a v1 event still in the stream and a v2 event the same way', async () => {
    const namespace = nextNamespace();
    const runtime = f.runtime(namespace);
    recordingConsumer(runtime, 'versions');
    runtime.start();
    await runtime.ready();
    const [oldTask, newTask] = ids(2);
    const v1 = {
      id: crypto.randomUUID(),
      type: 'tasks.task.posted',
      version: 1,
      occurredAt: new Date().toISOString(),
      actor: SYSTEM_ACTOR,
      traceparent: null,
      data: { taskId: oldTask, posterId: POSTER, status: 'OPEN', budget: { amountMinor: 700, currency: 'EUR' } },
    };
    await jetstream(nc).publish(subjectOf('tasks.task.posted', namespace), JSON.stringify(v1), { msgID: v1.id });
    await post(newTask ?? '', '2030-01-01T00:00:00.000Z');
    const rows = await eventually(() => effectsOf('versions'), (r) => r.length >= 2);
    const byTask = new Map(rows.map((r) => [r.taskId, r]));
    expect(byTask.get(oldTask ?? '')).toMatchObject({ version: 2, dueAt: null });
    expect(byTask.get(newTask ?? '')).toMatchObject({ version: 2, dueAt: '2030-01-01T00:00:00.000Z' });
  });

  it('rebuilds a lost JetStream store from the outbox, with no second effect for handled events', async () => {
    const namespace = nextNamespace();
    const runtime = f.runtime(namespace);
    recordingConsumer(runtime, 'before-loss');
    runtime.start();
    const tasks = ids(6);
    for (const id of tasks) await post(id);
    await eventually(() => effectsOf('before-loss'), (r) => r.length >= 6);
    await runtime.stop();

    await f.nats.wipeStore();
    await f.nats.resume();
    // The test's own connection reconnects on its own schedule; wait until it can manage streams.
    await eventually(
      () => jetstreamManager(nc).then((jsm) => ensureStreams(jsm, { namespace, maxBytes: NAMESPACED_STREAM_MAX_BYTES })).then(() => true, () => false),
      (ok) => ok,
    );
    const { rows } = await f.pool.query<{ seq: string }>(
      `SELECT min(seq) AS seq FROM evt_test.outbox WHERE envelope->'data'->>'taskId' = ANY($1)`,
      [tasks],
    );
    const result = await replayOutbox(f.pool, jetstream(nc), { service: 'evt_test', fromSeq: Number(rows[0]?.seq), namespace });
    expect(result.republished).toBeGreaterThanOrEqual(6);

    const after = f.runtime(namespace);
    recordingConsumer(after, 'before-loss');
    recordingConsumer(after, 'after-loss');
    after.start();
    const fresh = await eventually(() => effectsOf('after-loss'), (r) => r.filter((x) => tasks.includes(x.taskId)).length >= 6);
    expect(fresh.filter((x) => tasks.includes(x.taskId))).toHaveLength(6);
    await eventually(async () => (await after.metrics.handled.get()).values, (values) =>
      values.some((v) => v.labels.consumer === 'before-loss' && v.labels.outcome === 'duplicate' && v.value >= 6),
    );
    const old = await f.db.select().from(effects).where(and(eq(effects.consumer, 'before-loss')));
    expect(old.filter((x) => tasks.includes(x.taskId))).toHaveLength(6);
  });
});
