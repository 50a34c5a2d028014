import { afterAll, describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { eq } from 'drizzle-orm';
import { errorCode } from '@sx/testkit';
import { bids, taskReplica } from '../src/db/tables.js';
import { dataOf, placeBid, tasker, updateBidRaw, withdrawBidRaw, type Caller } from './bid-api.js';
import { deleteReplicas, insertBids, insertReplica, newId, taskState } from './seed.js';

const db = useStackDb();
const tasks: string[] = [];

afterAll(async () => {
  await deleteReplicas(db, tasks);
});

/** A pending bid by a fresh tasker on a fresh task the replica knows (80.00 EUR budget). */
async function pendingBid() {
  const posterId = newId();
  const taskId = await insertReplica(db, { posterId });
  tasks.push(taskId);
  const author = tasker(newId());
  const bid = await placeBid(author, taskId);
  return { taskId, posterId, author, bid, before: await taskState(db, taskId) };
}

describe('updateBid', () => {
  it('changes the amount and message of a pending bid and records bids.bid.updated', async () => {
    const { taskId, posterId, author, bid } = await pendingBid();
    const updated = dataOf(await updateBidRaw(author, bid.id, { amount: { amount: 6_500, currency: 'EUR' }, message: 'Can start today.' })).updateBid;
    expect(updated).toEqual({ ...bid, amount: { amount: 6_500, currency: 'EUR' }, message: 'Can start today.', updatedAt: updated.updatedAt });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(bid.updatedAt));
    const state = await taskState(db, taskId);
    expect(state.bids.map((b) => [b.amountMinor, b.message, b.status])).toEqual([[6_500, 'Can start today.', 'PENDING']]);
    expect(state.events.at(-1)).toEqual({
      type: 'bids.bid.updated',
      data: { bidId: bid.id, taskId, taskerId: author.userId, posterId, amount: { amountMinor: 6_500, currency: 'EUR' }, message: 'Can start today.' },
    });
  });

  it('changes only the message when only the message is sent', async () => {
    const { author, bid } = await pendingBid();
    const updated = dataOf(await updateBidRaw(author, bid.id, { message: 'Weekends only.' })).updateBid;
    expect(updated).toMatchObject({ amount: bid.amount, message: 'Weekends only.' });
  });

  const refusals: [string, (author: Caller) => Caller, Record<string, unknown>, string, RegExp][] = [
    ['another tasker', () => tasker(newId()), { message: 'Hijack' }, 'FORBIDDEN', /Only the tasker who placed this bid can change it/],
    ['an anonymous caller', () => ({}), { message: 'Hijack' }, 'UNAUTHENTICATED', /Sign in/],
    ['an amount in another currency than the task’s', (a) => a, { amount: { amount: 6_500, currency: 'GBP' } }, 'BAD_USER_INPUT', /must be EUR/],
    ['a zero amount', (a) => a, { amount: { amount: 0, currency: 'EUR' } }, 'BAD_USER_INPUT', /greater than zero/],
    ['a removed amount', (a) => a, { amount: null }, 'BAD_USER_INPUT', /cannot be removed/],
    ['a message over 2000 characters', (a) => a, { message: 'y'.repeat(2_001) }, 'BAD_USER_INPUT', /at most 2000/],
    ['an empty change', (a) => a, {}, 'BAD_USER_INPUT', /Nothing to change/],
  ];
  it.each(refusals)('refuses %s and changes nothing', async (_name, who, input, code, message) => {
    const { taskId, author, bid, before } = await pendingBid();
    const res = await updateBidRaw(who(author), bid.id, input);
    expect(errorCode(res)).toBe(code);
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(await taskState(db, taskId)).toEqual(before);
  });

  it('refuses changing a withdrawn bid with CONFLICT', async () => {
    const { taskId, author, bid } = await pendingBid();
    dataOf(await withdrawBidRaw(author, bid.id));
    const before = await taskState(db, taskId);
    const res = await updateBidRaw(author, bid.id, { message: 'Back again' });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toBe('This bid is withdrawn; only pending bids can be changed.');
    expect(await taskState(db, taskId)).toEqual(before);
  });

  it('refuses changing a pending bid once its task is no longer open', async () => {
    const { taskId, author, bid, before } = await pendingBid();
    await db.update(taskReplica).set({ status: 'ASSIGNED' }).where(eq(taskReplica.taskId, taskId));
    const res = await updateBidRaw(author, bid.id, { message: 'Still keen' });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toMatch(/assigned to a tasker; only open tasks take bids/);
    expect(await taskState(db, taskId)).toEqual(before);
  });

  it('answers unknown and malformed bid ids with NOT_FOUND', async () => {
    for (const id of [newId(), 'bid-1']) {
      const res = await updateBidRaw(tasker(newId()), id, { message: 'Hello' });
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(res.errors?.[0]?.message).toBe(`There is no bid with id "${id}".`);
    }
  });
});

describe('withdrawBid', () => {
  it('withdraws a pending bid and records bids.bid.withdrawn', async () => {
    const { taskId, posterId, author, bid } = await pendingBid();
    const withdrawn = dataOf(await withdrawBidRaw(author, bid.id)).withdrawBid;
    expect(withdrawn).toMatchObject({ id: bid.id, status: 'WITHDRAWN', amount: bid.amount });
    const state = await taskState(db, taskId);
    expect(state.bids.map((b) => b.status)).toEqual(['WITHDRAWN']);
    expect(state.events.at(-1)).toEqual({ type: 'bids.bid.withdrawn', data: { bidId: bid.id, taskId, taskerId: author.userId, posterId } });
  });

  it('refuses another tasker with FORBIDDEN and an anonymous caller with UNAUTHENTICATED, changing nothing', async () => {
    const { taskId, bid, before } = await pendingBid();
    expect(errorCode(await withdrawBidRaw(tasker(newId()), bid.id))).toBe('FORBIDDEN');
    expect(errorCode(await withdrawBidRaw({}, bid.id))).toBe('UNAUTHENTICATED');
    expect(await taskState(db, taskId)).toEqual(before);
  });

  it('refuses withdrawing twice with CONFLICT, recording one event', async () => {
    const { taskId, author, bid } = await pendingBid();
    dataOf(await withdrawBidRaw(author, bid.id));
    const res = await withdrawBidRaw(author, bid.id);
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toBe('This bid is withdrawn; only pending bids can be withdrawn.');
    expect((await taskState(db, taskId)).events.map((e) => e.type)).toEqual(['bids.bid.placed', 'bids.bid.withdrawn']);
  });

  it('refuses withdrawing a bid that is being accepted', async () => {
    const taskId = await insertReplica(db, { posterId: newId() });
    tasks.push(taskId);
    const taskerId = newId();
    const [accepting] = await insertBids(db, [{ taskId, taskerId, currency: 'EUR', status: 'ACCEPTING' }]);
    const res = await withdrawBidRaw(tasker(taskerId), accepting?.id ?? '');
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toBe('This bid is being accepted; only pending bids can be withdrawn.');
    const [row] = await db.select().from(bids).where(eq(bids.id, accepting?.id ?? ''));
    expect(row?.status).toBe('ACCEPTING');
  });

  it('answers an unknown bid id with NOT_FOUND', async () => {
    expect(errorCode(await withdrawBidRaw(tasker(newId()), newId()))).toBe('NOT_FOUND');
  });
});
