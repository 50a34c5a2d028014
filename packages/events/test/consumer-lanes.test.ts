import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { taskPosted } from '../src/catalogue/index.js';
import { laneOfAggregate } from '../src/consumer.js';
import { createFixture, effects, eventually, type Fixture, postTask, tables } from './fixture.js';

// A consumer writes up to CONSUMER_LANES transactions at once, an event's lane picked by its
// aggregate (tasks.task.posted: the task): a slow step of one saga does not hold up another's,
// and one aggregate's events are still handled in the order they were written.
const LANES = 4;

let f: Fixture;
let namespaceCounter = 0;
beforeAll(async () => {
  f = await createFixture();
});
afterEach(async () => {
  await f.stopRuntimes();
});
afterAll(async () => {
  await f?.close();
});

/** Writes tasks.task.posted for `taskId`; its budget carries `n`, so a handler can tell the events apart. */
const post = (taskId: string, n: number) => postTask(f.db, taskId, n);

/** Task ids that fall in distinct lanes (the first `count` lanes' worth). */
function taskIdsInDistinctLanes(count: number): string[] {
  const byLane = new Map<number, string>();
  while (byLane.size < count) {
    const id = crypto.randomUUID();
    const lane = laneOfAggregate(id, LANES);
    if (!byLane.has(lane)) byLane.set(lane, id);
  }
  return [...byLane.values()];
}

const effectsOf = (consumer: string) => f.db.select().from(effects).where(eq(effects.consumer, consumer));

describe('a consumer with lanes', () => {
  it("handles another aggregate's event while one aggregate's handler is still running", async () => {
    const runtime = f.runtime(`lanes${++namespaceCounter}`, { CONSUMER_LANES: LANES });
    const [slowTask, quickTask] = taskIdsInDistinctLanes(2) as [string, string];
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    runtime.consumer('lanes_slow', 'tasks').on(taskPosted, async (tx, event) => {
      if (event.data.taskId === slowTask) await gate;
      await tx.insert(effects).values({ consumer: 'lanes_slow', eventId: event.id, taskId: event.data.taskId, version: event.version });
    });
    runtime.start();
    await post(slowTask, 1);
    await post(quickTask, 2);
    // With one serial consumer the quick task's event would wait for the slow one's commit.
    const early = await eventually(() => effectsOf('lanes_slow'), (rows) => rows.length >= 1);
    expect(early.map((r) => r.taskId)).toEqual([quickTask]);
    release();
    const all = await eventually(() => effectsOf('lanes_slow'), (rows) => rows.length >= 2);
    expect(all.map((r) => r.taskId).sort()).toEqual([slowTask, quickTask].sort());
  });

  it("handles each aggregate's events in the order they were written", async () => {
    const runtime = f.runtime(`lanes${++namespaceCounter}`, { CONSUMER_LANES: LANES });
    const tasks = taskIdsInDistinctLanes(LANES);
    const seen = new Map<string, number[]>();
    runtime.consumer('lanes_order', 'tasks').on(taskPosted, async (tx, event) => {
      // Uneven handler times shuffle the lanes against each other, not the events within one.
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      await tx.insert(effects).values({ consumer: 'lanes_order', eventId: event.id, taskId: event.data.taskId, version: event.version });
      seen.set(event.data.taskId, [...(seen.get(event.data.taskId) ?? []), event.data.budget.amountMinor]);
    });
    const PER_TASK = 15;
    for (let n = 1; n <= PER_TASK; n++) for (const task of tasks) await post(task, n);
    runtime.start();
    await eventually(() => effectsOf('lanes_order'), (rows) => rows.length >= PER_TASK * tasks.length);
    const inOrder = Array.from({ length: PER_TASK }, (_, i) => i + 1);
    for (const task of tasks) expect(seen.get(task)).toEqual(inOrder);
  });
});
