import { afterAll, describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { eq } from 'drizzle-orm';
import { errorCode } from '@sx/testkit';
import { taskReplica } from '../src/db/tables.js';
import { acceptBidRaw, placeBid, tasker, type Caller } from './bid-api.js';
import { holdTransaction } from './held-transaction.js';
import { deleteReplicas, insertBids, insertReplica, newId, taskState, type NewReplica } from './seed.js';

// acceptBid through the bids subgraph. The real wallet runs in the stack and answers each
// accept_requested (these posters have no money, so it declines): assertions about what
// acceptBid itself did read its answer and the outbox, which the decline does not rewrite.

const db = useStackDb();
const tasks: string[] = [];

afterAll(async () => {
  await deleteReplicas(db, tasks);
});

const posterOf = (posterId: string): Caller => ({ userId: posterId, roles: ['POSTER'] });

/** A task the replica knows (OPEN, 80.00 EUR) with one pending bid placed through the API. */
async function taskWithBid(overrides: Partial<NewReplica> = {}) {
  const posterId = newId();
  const taskId = await insertReplica(db, { posterId, ...overrides });
  tasks.push(taskId);
  const author = tasker(newId());
  const bid = await placeBid(author, taskId);
  return { taskId, posterId, poster: posterOf(posterId), author, bid };
}

/** Where a bid's accept request stands in bids' outbox. */
const order = (events: { type: string; data: Record<string, unknown> }[], bidId: unknown) =>
  events.findIndex((e) => e.type === 'bids.bid.accept_requested' && e.data.bidId === bidId);

const acceptRequests = async (taskId: string) => (await taskState(db, taskId)).events.filter((e) => e.type === 'bids.bid.accept_requested');

describe('acceptBid', () => {
  it('moves a pending bid to ACCEPTING and records bids.bid.accept_requested in the same transaction', async () => {
    const { taskId, posterId, poster, author, bid } = await taskWithBid();
    const res = await acceptBidRaw(poster, bid.id);
    expect(res.errors).toBeUndefined();
    expect(res.data?.acceptBid).toMatchObject({ id: bid.id, status: 'ACCEPTING', amount: { amount: 7_000, currency: 'EUR' }, acceptFailure: null });
    expect(await acceptRequests(taskId)).toEqual([
      {
        type: 'bids.bid.accept_requested',
        data: { bidId: bid.id, taskId, taskerId: author.userId, posterId, amount: { amountMinor: 7_000, currency: 'EUR' } },
      },
    ]);
  });

  it('lets one of ten simultaneous accepts of different bids on one task through at a time; the others get CONFLICT', async () => {
    const posterId = newId();
    const taskId = await insertReplica(db, { posterId });
    tasks.push(taskId);
    const placed = await Promise.all(Array.from({ length: 10 }, () => placeBid(tasker(newId()), taskId)));
    const results = await Promise.all(placed.map((b) => acceptBidRaw(posterOf(posterId), b.id)));

    const winners = results.filter((r) => !r.errors).map((r) => r.data?.acceptBid);
    expect(winners.length).toBeGreaterThanOrEqual(1);
    expect(winners.map((w) => w?.status)).toEqual(winners.map(() => 'ACCEPTING'));
    const losers = results.filter((r) => r.errors);
    expect(losers.map(errorCode)).toEqual(Array(10 - winners.length).fill('CONFLICT'));
    expect(losers.map((r) => r.errors?.[0]?.extensions?.reason)).toEqual(Array(10 - winners.length).fill('ANOTHER_BID_CHOSEN'));

    // This poster has no money, so the real wallet declines each hold and the declined bid goes
    // back to PENDING; an accept still waiting on the task's lock may then win. Never two at
    // once: in bids' outbox each accept request after the first follows the failure of the one before.
    const { bids: rows, events } = await taskState(db, taskId);
    let inFlight: unknown = null;
    for (const event of events) {
      if (event.type === 'bids.bid.accept_requested') {
        expect(inFlight).toBeNull();
        inFlight = event.data.bidId;
      } else if (event.type === 'bids.bid.accept_failed') {
        expect(event.data.bidId).toBe(inFlight);
        inFlight = null;
      }
    }
    const winnerIds = winners.map((w) => w?.id);
    expect((await acceptRequests(taskId)).map((e) => e.data.bidId)).toEqual(winnerIds.sort((a, b) => order(events, a) - order(events, b)));
    // The losers are untouched: pending, without a failure, and no event of theirs.
    const others = rows.filter((b) => !winnerIds.includes(b.id));
    expect(others.map((b) => [b.status, b.lastAcceptFailure])).toEqual(Array(10 - winners.length).fill(['PENDING', null]));
    expect(events.filter((e) => !winnerIds.includes(e.data.bidId as string)).map((e) => e.type)).toEqual(Array(10 - winners.length).fill('bids.bid.placed'));
  });

  it('lets exactly one of five simultaneous accepts of the same bid through', async () => {
    const { taskId, poster, bid } = await taskWithBid();
    const results = await Promise.all(Array.from({ length: 5 }, () => acceptBidRaw(poster, bid.id)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors?.[0]?.message)).toEqual(
      Array(4).fill('This bid is already being accepted; only pending bids can be accepted.'),
    );
    expect(await acceptRequests(taskId)).toHaveLength(1);
  });

  it('waits for a cancellation being applied to the task and then refuses', async () => {
    const { taskId, poster, bid } = await taskWithBid();
    const before = await taskState(db, taskId);
    // As the taskCancelled handler does: lock the replica row, mark it cancelled, commit later.
    const held = await holdTransaction(db, async (tx) => {
      await tx.select().from(taskReplica).where(eq(taskReplica.taskId, taskId)).for('update');
      await tx.update(taskReplica).set({ status: 'CANCELLED' }).where(eq(taskReplica.taskId, taskId));
    });
    const racing = acceptBidRaw(poster, bid.id);
    await held.blocking(1);
    await held.commit();
    const res = await racing;
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toBe('This task is cancelled; bids can be accepted only on open tasks.');
    expect(await taskState(db, taskId)).toEqual(before);
  });

  describe('refuses and changes nothing', () => {
    it.each<[string, (ids: { posterId: string; taskerId: string }) => Caller, string, RegExp]>([
      ['an anonymous caller', () => ({}), 'UNAUTHENTICATED', /Sign in/],
      ['another user', () => ({ userId: newId(), roles: ['POSTER', 'TASKER'] }), 'FORBIDDEN', /Only the poster of the task can accept a bid on it/],
      ['the tasker who placed the bid', ({ taskerId }) => tasker(taskerId), 'FORBIDDEN', /Only the poster/],
      ['an admin (accepting spends the poster’s money)', () => ({ userId: newId(), roles: ['ADMIN'] }), 'FORBIDDEN', /Only the poster/],
    ])('%s', async (_name, who, code, message) => {
      const { taskId, posterId, author, bid } = await taskWithBid();
      const before = await taskState(db, taskId);
      const res = await acceptBidRaw(who({ posterId, taskerId: author.userId ?? '' }), bid.id);
      expect(errorCode(res)).toBe(code);
      expect(res.errors?.[0]?.message).toMatch(message);
      expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|\.ts:\d+/);
      expect(await taskState(db, taskId)).toEqual(before);
    });

    it.each(['WITHDRAWN', 'REJECTED', 'ACCEPTED'] as const)('a %s bid (CONFLICT)', async (status) => {
      const posterId = newId();
      const taskId = await insertReplica(db, { posterId, status: status === 'ACCEPTED' ? 'ASSIGNED' : 'OPEN' });
      tasks.push(taskId);
      const [row] = await insertBids(db, [{ taskId, taskerId: newId(), currency: 'EUR', status }]);
      const before = await taskState(db, taskId);
      const res = await acceptBidRaw(posterOf(posterId), row?.id ?? '');
      expect(errorCode(res)).toBe('CONFLICT');
      expect(res.errors?.[0]?.message).toMatch(/only pending bids can be accepted/);
      expect(res.errors?.[0]?.extensions?.status).toBe(status);
      expect(await taskState(db, taskId)).toEqual(before);
    });

    it.each(['ASSIGNED', 'DONE', 'COMPLETED', 'CANCELLED'] as const)('a pending bid on a %s task (CONFLICT)', async (status) => {
      const { taskId, poster, bid } = await taskWithBid();
      await db.update(taskReplica).set({ status }).where(eq(taskReplica.taskId, taskId));
      const before = await taskState(db, taskId);
      const res = await acceptBidRaw(poster, bid.id);
      expect(errorCode(res)).toBe('CONFLICT');
      expect(res.errors?.[0]?.extensions?.taskStatus).toBe(status);
      expect(await taskState(db, taskId)).toEqual(before);
    });

    it('a bid while another bid of the task is being accepted (CONFLICT)', async () => {
      const { taskId, poster, bid } = await taskWithBid();
      const [other] = await insertBids(db, [{ taskId, taskerId: newId(), currency: 'EUR', status: 'ACCEPTING' }]);
      const before = await taskState(db, taskId);
      const res = await acceptBidRaw(poster, bid.id);
      expect(errorCode(res)).toBe('CONFLICT');
      expect(res.errors?.[0]?.extensions).toMatchObject({ reason: 'ANOTHER_BID_CHOSEN', otherBidId: other?.id });
      expect(res.errors?.[0]?.message).toMatch(/wait for its payment/);
      expect(await taskState(db, taskId)).toEqual(before);
    });

    it('a bid in a currency the task’s budget no longer has (CONFLICT)', async () => {
      const { taskId, poster, bid } = await taskWithBid();
      await db.update(taskReplica).set({ currency: 'GBP' }).where(eq(taskReplica.taskId, taskId));
      const before = await taskState(db, taskId);
      const res = await acceptBidRaw(poster, bid.id);
      expect(errorCode(res)).toBe('CONFLICT');
      expect(res.errors?.[0]?.message).toMatch(/in EUR but the task's budget is now in GBP/);
      expect(await taskState(db, taskId)).toEqual(before);
    });

    it('an unknown or malformed bid id (NOT_FOUND)', async () => {
      for (const id of [newId(), "1'; drop table bids.bids; --"]) {
        const res = await acceptBidRaw(posterOf(newId()), id);
        expect(errorCode(res)).toBe('NOT_FOUND');
        expect(res.errors?.[0]?.message).toBe(`There is no bid with id "${id}".`);
      }
    });
  });

});
