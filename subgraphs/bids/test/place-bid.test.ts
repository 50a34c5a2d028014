import { afterAll, describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { eq } from 'drizzle-orm';
import { errorCode } from '@sx/testkit';
import { bids, taskReplica } from '../src/db/tables.js';
import { dataOf, placeBid, placeBidRaw, tasker, withdrawBidRaw, type Caller } from './bid-api.js';
import { holdTransaction } from './held-transaction.js';
import { deleteReplicas, insertReplica, newId, taskState, type NewReplica } from './seed.js';

const db = useStackDb();
const tasks: string[] = [];

afterAll(async () => {
  await deleteReplicas(db, tasks);
});

/** A task the replica knows (as if its posted event had arrived), posted by a fresh poster. */
async function knownTask(overrides: Partial<NewReplica> = {}) {
  const posterId = newId();
  const taskId = await insertReplica(db, { posterId, ...overrides });
  tasks.push(taskId);
  return { taskId, posterId };
}

const bidInput = (taskId: string, overrides: Record<string, unknown> = {}) => ({
  taskId,
  amount: { amount: 7_000, currency: 'EUR' },
  message: 'I have the tools.',
  ...overrides,
});

describe('placeBid', () => {
  it('places a PENDING bid and records bids.bid.placed in the same transaction', async () => {
    const { taskId, posterId } = await knownTask();
    const taskerId = newId();
    const bid = await placeBid(tasker(taskerId), taskId, { message: '  Free on Saturday.  ' });
    expect(bid).toMatchObject({
      amount: { amount: 7_000, currency: 'EUR' },
      message: 'Free on Saturday.',
      status: 'PENDING',
      task: { id: taskId },
      tasker: { id: taskerId },
    });
    expect(bid.updatedAt).toBe(bid.createdAt);
    const state = await taskState(db, taskId);
    expect(state.bids.map((b) => [b.id, b.status, b.amountMinor])).toEqual([[bid.id, 'PENDING', 7_000]]);
    expect(state.events).toEqual([
      {
        type: 'bids.bid.placed',
        data: { bidId: bid.id, taskId, taskerId, posterId, amount: { amountMinor: 7_000, currency: 'EUR' }, message: 'Free on Saturday.' },
      },
    ]);
  });

  it('refuses a bid on a task bidding does not know yet with a retryable CONFLICT', async () => {
    const taskId = newId();
    const res = await placeBidRaw(tasker(newId()), bidInput(taskId));
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors?.[0]?.extensions).toMatchObject({ reason: 'TASK_NOT_YET_KNOWN', retryable: true });
    expect(res.errors?.[0]?.message).toMatch(/not known to bidding yet.*retry/);
    expect(await taskState(db, taskId)).toEqual({ bids: [], events: [] });
  });

  it('refuses a second standing bid by the same tasker with CONFLICT, and allows a new one after withdrawing', async () => {
    const { taskId } = await knownTask();
    const caller = tasker(newId());
    const first = await placeBid(caller, taskId);
    const second = await placeBidRaw(caller, bidInput(taskId, { amount: { amount: 6_000, currency: 'EUR' } }));
    expect(errorCode(second)).toBe('CONFLICT');
    expect(second.errors?.[0]?.message).toContain('You already have a bid on this task');
    expect((await taskState(db, taskId)).bids.map((b) => b.id)).toEqual([first.id]);

    dataOf(await withdrawBidRaw(caller, first.id));
    const again = await placeBid(caller, taskId, { amount: { amount: 6_000, currency: 'EUR' } });
    expect((await taskState(db, taskId)).bids.map((b) => [b.id, b.status])).toEqual([
      [first.id, 'WITHDRAWN'],
      [again.id, 'PENDING'],
    ]);
  });

  it('lets exactly one of many simultaneous bids by the same tasker through; the others get CONFLICT', async () => {
    const { taskId } = await knownTask();
    const caller = tasker(newId());
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => placeBidRaw(caller, bidInput(taskId, { amount: { amount: 5_000 + i, currency: 'EUR' } }))));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors).map(errorCode)).toEqual(Array(7).fill('CONFLICT'));
    const state = await taskState(db, taskId);
    expect(state.bids).toHaveLength(1);
    expect(state.events.map((e) => e.type)).toEqual(['bids.bid.placed']);
  });

  it('answers CONFLICT, not an internal error, when a racing placement wins at the unique index', async () => {
    const { taskId } = await knownTask();
    const taskerId = newId();
    // Hold an uncommitted standing bid: placeBid's own check cannot see it, so its INSERT
    // waits on the partial unique index and fails with 23505 once this commits.
    const held = await holdTransaction(db, async (tx) => {
      await tx.insert(bids).values({ taskId, taskerId, amountMinor: 5_000, currency: 'EUR', message: 'the racer' });
    });
    const racing = placeBidRaw(tasker(taskerId), bidInput(taskId));
    await held.blocking(1);
    await held.commit();
    const res = await racing;
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toContain('You already have a bid on this task');
    const state = await taskState(db, taskId);
    expect(state.bids.map((b) => b.message)).toEqual(['the racer']);
    expect(state.events).toEqual([]);
  });

  it('waits for a cancellation being applied to the task and then refuses the bid', async () => {
    const { taskId } = await knownTask();
    // As the taskCancelled handler does: lock the replica row, mark it cancelled, commit later.
    const held = await holdTransaction(db, async (tx) => {
      await tx.select().from(taskReplica).where(eq(taskReplica.taskId, taskId)).for('update');
      await tx.update(taskReplica).set({ status: 'CANCELLED' }).where(eq(taskReplica.taskId, taskId));
    });
    const racing = placeBidRaw(tasker(newId()), bidInput(taskId));
    await held.blocking(1);
    await held.commit();
    const res = await racing;
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toBe('This task is cancelled; only open tasks take bids.');
    expect(await taskState(db, taskId)).toEqual({ bids: [], events: [] });
  });

  it('lets different taskers bid on the same task', async () => {
    const { taskId } = await knownTask();
    await placeBid(tasker(newId()), taskId);
    await placeBid(tasker(newId()), taskId);
    expect((await taskState(db, taskId)).bids).toHaveLength(2);
  });

  describe('refuses and changes nothing', () => {
    const cases: [string, Caller | 'poster', Record<string, unknown>, string, RegExp][] = [
      ['an anonymous caller', {}, {}, 'UNAUTHENTICATED', /Sign in/],
      ['a user without the TASKER role', { userId: newId(), roles: ['POSTER'] }, {}, 'FORBIDDEN', /TASKER role/],
      ['the task’s own poster', 'poster', {}, 'FORBIDDEN', /task you posted/],
      ['an amount in another currency than the task’s', tasker(newId()), { amount: { amount: 7_000, currency: 'USD' } }, 'BAD_USER_INPUT', /must be EUR/],
      ['a zero amount', tasker(newId()), { amount: { amount: 0, currency: 'EUR' } }, 'BAD_USER_INPUT', /greater than zero/],
      ['a negative amount', tasker(newId()), { amount: { amount: -100, currency: 'EUR' } }, 'BAD_USER_INPUT', /greater than zero/],
      ['a fractional amount', tasker(newId()), { amount: { amount: 70.5, currency: 'EUR' } }, 'BAD_USER_INPUT', /amount/],
      ['an unsupported currency', tasker(newId()), { amount: { amount: 7_000, currency: 'XYZ' } }, 'BAD_USER_INPUT', /not supported/],
      ['a message over 2000 characters', tasker(newId()), { message: 'x'.repeat(2_001) }, 'BAD_USER_INPUT', /at most 2000 characters/],
    ];
    it.each(cases)('%s', async (_name, who, overrides, code, message) => {
      const { taskId, posterId } = await knownTask();
      const caller: Caller = who === 'poster' ? { userId: posterId, roles: ['POSTER', 'TASKER'] } : who;
      const res = await placeBidRaw(caller, bidInput(taskId, overrides));
      expect(errorCode(res)).toBe(code);
      expect(res.errors?.[0]?.message).toMatch(message);
      expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|\.ts:\d+/);
      expect(await taskState(db, taskId)).toEqual({ bids: [], events: [] });
    });

    it.each(['CANCELLED', 'ASSIGNED', 'COMPLETED'] as const)('a %s task (CONFLICT, not retryable)', async (status) => {
      const { taskId } = await knownTask({ status });
      const res = await placeBidRaw(tasker(newId()), bidInput(taskId));
      expect(errorCode(res)).toBe('CONFLICT');
      expect(res.errors?.[0]?.message).toMatch(/only open tasks take bids/);
      expect(res.errors?.[0]?.extensions?.retryable).toBeUndefined();
      expect(await taskState(db, taskId)).toEqual({ bids: [], events: [] });
    });

    it('a task past its deadline (CONFLICT)', async () => {
      const { taskId } = await knownTask({ dueAt: new Date(Date.now() - 60_000) });
      const res = await placeBidRaw(tasker(newId()), bidInput(taskId));
      expect(errorCode(res)).toBe('CONFLICT');
      expect(res.errors?.[0]?.message).toMatch(/deadline .* has passed/);
      expect(await taskState(db, taskId)).toEqual({ bids: [], events: [] });
    });

    it('a malformed task id (NOT_FOUND)', async () => {
      const res = await placeBidRaw(tasker(newId()), bidInput("1'; drop table bids.bids; --"));
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(res.errors?.[0]?.message).toMatch(/There is no task with id/);
    });
  });
});
