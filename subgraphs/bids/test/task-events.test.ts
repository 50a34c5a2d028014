import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { eq } from 'drizzle-orm';
import { eventEnvelope, eventually, subgraphGql } from '@sx/testkit';
import { createLogger } from '@sx/runtime';
import type { Identity } from '@sx/core';
import { taskCancelled, taskUpdated } from '@sx/events';
import { taskReplica } from '../src/db/tables.js';
import { rejectBidsOfCancelledTask as onTaskCancelled } from '../src/commands/reject-bids-of-cancelled-task.js';
import { replicateTaskState as onTaskState } from '../src/commands/replicate-task-state.js';
import { dataOf, placeBid, placeBidRaw, tasker, withdrawBidRaw } from './bid-api.js';
import { deleteReplicas, newId, taskState } from './seed.js';

// The replica is fed by the real tasks subgraph through the run's NATS streams: these tests
// post, edit and cancel tasks there and watch bids react.

const db = useStackDb();
const directTasks: string[] = [];
const log = createLogger('bids-test', 'silent');

afterAll(async () => {
  await deleteReplicas(db, directTasks);
});

const poster = (): Partial<Identity> => ({ userId: randomUUID(), roles: ['POSTER'] });

async function tasksCall<T>(query: string, variables: Record<string, unknown>, caller: Partial<Identity>): Promise<T> {
  return dataOf(await subgraphGql<T>('tasks', query, variables, caller));
}

async function postTask(caller: Partial<Identity>, budget = { amount: 8_000, currency: 'EUR' }): Promise<string> {
  const data = await tasksCall<{ postTask: { id: string } }>(
    `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
    { input: { title: 'Paint a fence', category: 'HANDYMAN', budget } },
    caller,
  );
  return data.postTask.id;
}

const readReplica = async (taskId: string) => (await db.select().from(taskReplica).where(eq(taskReplica.taskId, taskId)))[0] ?? null;

describe('the task replica, fed by tasks events', () => {
  it('learns of a posted task, follows its edits, and on cancellation rejects its pending bids', async () => {
    const posterCaller = poster();
    const taskId = await postTask(posterCaller);
    const replica = await eventually(() => readReplica(taskId), (r) => r !== null, { what: 'replica of the posted task' });
    expect(replica).toMatchObject({ posterId: posterCaller.userId, status: 'OPEN', budgetMinor: 8_000, currency: 'EUR', dueAt: null });

    await tasksCall(`mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { id } }`, { id: taskId, input: { budget: { amount: 9_000, currency: 'GBP' } } }, posterCaller);
    await eventually(() => readReplica(taskId), (r) => r?.currency === 'GBP', { what: 'replica in GBP' });
    const wrongCurrency = await placeBidRaw(tasker(newId()), { taskId, amount: { amount: 7_000, currency: 'EUR' } });
    expect(wrongCurrency.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const [alice, bob, carol] = [tasker(newId()), tasker(newId()), tasker(newId())];
    const aliceBid = await placeBid(alice, taskId, { amount: { amount: 7_000, currency: 'GBP' } });
    const bobBid = await placeBid(bob, taskId, { amount: { amount: 7_500, currency: 'GBP' } });
    const carolBid = await placeBid(carol, taskId, { amount: { amount: 6_000, currency: 'GBP' } });
    dataOf(await withdrawBidRaw(carol, carolBid.id));

    await tasksCall(`mutation($id: ID!) { cancelTask(id: $id) { id } }`, { id: taskId }, posterCaller);
    const state = await eventually(
      () => taskState(db, taskId),
      (s) => s.bids.every((b) => b.status !== 'PENDING'),
      { what: 'pending bids rejected' },
    );
    expect(state.bids.map((b) => [b.id, b.status])).toEqual([
      [aliceBid.id, 'REJECTED'],
      [bobBid.id, 'REJECTED'],
      [carolBid.id, 'WITHDRAWN'],
    ]);
    const rejections = state.events.filter((e) => e.type === 'bids.bid.rejected');
    expect(rejections.map((e) => e.data).sort((a, b) => String(a.bidId).localeCompare(String(b.bidId)))).toEqual(
      [aliceBid, bobBid]
        .map((b) => ({ bidId: b.id, taskId, taskerId: b.tasker.id, posterId: posterCaller.userId, reason: 'TASK_CANCELLED' }))
        .sort((a, b) => a.bidId.localeCompare(b.bidId)),
    );
    expect((await readReplica(taskId))?.status).toBe('CANCELLED');

    const late = await placeBidRaw(tasker(newId()), { taskId, amount: { amount: 7_000, currency: 'GBP' } });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(late.errors?.[0]?.extensions?.retryable).toBeUndefined();
  });
});

describe('task event handlers', () => {
  const at = (second: number) => new Date(Date.UTC(2026, 0, 31, 17, 0, second)).toISOString();
  const state = (taskId: string, posterId: string, amountMinor: number, occurredAt: string) =>
    eventEnvelope(taskUpdated, { taskId, posterId, status: 'OPEN', budget: { amountMinor, currency: 'USD' }, dueAt: null }, { occurredAt: new Date(occurredAt) });

  it('never lets an older event overwrite a newer state', async () => {
    const taskId = newId();
    const posterId = newId();
    directTasks.push(taskId);
    await db.transaction((tx) => onTaskState(tx, state(taskId, posterId, 5_000, at(3)), log));
    await db.transaction((tx) => onTaskState(tx, state(taskId, posterId, 1_000, at(2)), log));
    expect(await readReplica(taskId)).toMatchObject({ budgetMinor: 5_000, lastEventAt: new Date(at(3)) });
  });

  it('keeps a task cancelled when its posted event arrives after the cancellation', async () => {
    const taskId = newId();
    const posterId = newId();
    directTasks.push(taskId);
    await db.transaction((tx) => onTaskCancelled(tx, eventEnvelope(taskCancelled, { taskId, posterId, previousStatus: 'OPEN' }, { occurredAt: new Date(at(5)) }), log));
    await db.transaction((tx) => onTaskState(tx, state(taskId, posterId, 5_000, at(4)), log));
    expect(await readReplica(taskId)).toMatchObject({ status: 'CANCELLED', budgetMinor: null, currency: null });
    const res = await placeBidRaw(tasker(newId()), { taskId, amount: { amount: 5_000, currency: 'USD' } });
    expect(res.errors?.[0]?.message).toBe('This task is cancelled; only open tasks take bids.');
  });
});
