import { describe, expect, it } from 'vitest';
import { taskDone } from '@sx/events';
import { useEventPublisher, useStackDb } from '@sx/testkit/hooks';
import { inArray, sql } from 'drizzle-orm';
import { eventEnvelope, eventually } from '@sx/testkit';
import { completedTasks, deadLetters, inbox } from '../src/db/tables.js';
import { completedEvent, duplicatesHandled } from './review-api.js';

const CONSUMER = 'reviews_from_tasks';

const db = useStackDb();
const stream = useEventPublisher();

const replicaRows = (taskId: string) => db.select().from(completedTasks).where(sql`${completedTasks.taskId} = ${taskId}`);
const handledIds = async (ids: string[]) =>
  (await db.select({ eventId: inbox.eventId }).from(inbox).where(inArray(inbox.eventId, ids))).map((r) => r.eventId).sort();

describe('the replica of completed tasks, fed by tasks.task.completed', () => {
  it('keeps one row per task however often its completion arrives', async () => {
    const first = completedEvent({}, new Date('2026-03-01T10:00:00.000Z'));
    expect(await stream.send(first)).toEqual({ duplicate: false });
    // Within the dedup window JetStream itself drops a re-publish with the same Nats-Msg-Id…
    expect(await stream.send(first)).toEqual({ duplicate: true });
    // …a replay after the window is not dropped, and the consumer's inbox must catch it;
    const duplicatesBefore = await duplicatesHandled(CONSUMER);
    await stream.send(first, { msgID: `${first.id}:replayed` });
    // …and a second, different completion event of the same task (the auto-release job racing
    // the poster) must not move the row or fail.
    const second = completedEvent({ ...first.data, completedBy: 'AUTO_RELEASE' }, new Date('2026-03-02T10:00:00.000Z'));
    await stream.send(second);

    await eventually(() => handledIds([first.id, second.id]), (ids) => ids.length === 2, { what: 'both completion events handled' });
    await eventually(() => duplicatesHandled(CONSUMER), (n) => n > duplicatesBefore, { what: 'the replayed event seen as a duplicate' });

    expect(await replicaRows(first.data.taskId)).toEqual([
      {
        taskId: first.data.taskId,
        posterId: first.data.posterId,
        assigneeId: first.data.assigneeId,
        completedAt: new Date('2026-03-01T10:00:00.000Z'),
      },
    ]);
    const dead = await db.select().from(deadLetters).where(inArray(deadLetters.eventId, [first.id, second.id]));
    expect(dead).toEqual([]);
  });

  it('ignores the other events of the tasks stream', async () => {
    const completion = completedEvent();
    const { taskId, posterId, assigneeId } = completion.data;
    const other = eventEnvelope(taskDone, { taskId, posterId, assigneeId });
    await stream.send(other);
    await stream.send(completion);
    await eventually(() => replicaRows(taskId), (rows) => rows.length === 1, { what: 'replica row' });
    // The done event came first in the stream and was acked without an effect or an inbox row.
    expect(await handledIds([other.id, completion.id])).toEqual([completion.id]);
  });
});
