import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { escrowDeclined, taskAssigned, taskCancelled, taskCompleted, taskDone } from '@sx/events';
import { useEventPublisher, useStackDb } from '@sx/testkit/hooks';
import { eq } from 'drizzle-orm';
import { eventually, subgraphGql } from '@sx/testkit';
import { bids, taskReplica } from '../src/db/tables.js';
import { acceptBidRaw, dataOf, tasker, type Caller } from './bid-api.js';
import { failedHandlings, handled } from './saga-events.js';
import { deleteBids, deleteReplicas, insertBids, insertReplica, newId, taskState, type NewBid } from './seed.js';

// bids' side of the payment saga, driven by publishing real envelopes on the run's wallet and
// tasks streams, as their relays would. Bids start ACCEPTING in the table (not through
// acceptBid), so the real wallet has no accept_requested to answer and only these events act.

const db = useStackDb();
const publisher = useEventPublisher();
const tasks: string[] = [];
const created: string[] = [];

afterAll(async () => {
  await deleteBids(db, created);
  await deleteReplicas(db, tasks);
});

/** A task the replica knows as OPEN (80.00 EUR), with bids in the given states. */
async function taskWithBids(...rows: Omit<NewBid, 'taskId'>[]) {
  const posterId = newId();
  const taskId = await insertReplica(db, { posterId, lastEventAt: new Date(Date.now() - 60_000) });
  tasks.push(taskId);
  const inserted = rows.length > 0 ? await insertBids(db, rows.map((r) => ({ currency: 'EUR', ...r, taskId }))) : [];
  created.push(...inserted.map((b) => b.id));
  return { taskId, posterId, bids: inserted };
}

const readBid = async (id: string) => (await db.select().from(bids).where(eq(bids.id, id)))[0];
const readReplica = async (taskId: string) => (await db.select().from(taskReplica).where(eq(taskReplica.taskId, taskId)))[0];
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

const BID_VIEW = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Bid { id status acceptFailure { reason at } } } }`;
const TASK_BIDS_VIEW = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Task { bids { edges { node { id acceptFailure { reason at } } } } } } }`;
type BidView = { id: string; status: string; acceptFailure: { reason: string; at: string } | null } | null;

describe('wallet.escrow.declined', () => {
  it('puts the bid back to PENDING with the reason, records bids.bid.accept_failed, and shows the reason to the poster only', async () => {
    const taskerId = newId();
    const { taskId, posterId, bids: [bid] } = await taskWithBids({ taskerId, status: 'ACCEPTING', amountMinor: 7_000 });
    if (!bid) throw new Error('no bid');
    const declined = await publisher.publish(escrowDeclined, { taskId, bidId: bid.id, payerId: posterId, amount: eur(7_000), reason: 'INSUFFICIENT_FUNDS' });

    const row = await eventually(() => readBid(bid.id), (b) => b?.status === 'PENDING', { what: 'bid pending again' });
    expect(row).toMatchObject({ lastAcceptFailure: 'INSUFFICIENT_FUNDS', lastAcceptFailureAt: new Date(declined.occurredAt) });
    const events = (await taskState(db, taskId)).events;
    expect(events).toEqual([{ type: 'bids.bid.accept_failed', data: { bidId: bid.id, taskId, taskerId, posterId, reason: 'INSUFFICIENT_FUNDS' } }]);

    const failure = { reason: 'INSUFFICIENT_FUNDS', at: declined.occurredAt };
    const poster: Caller = { userId: posterId, roles: ['POSTER'] };
    const asPoster = dataOf(await subgraphGql<{ _entities: BidView[] }>('bids', BID_VIEW, { reps: [{ __typename: 'Bid', id: bid.id }] }, poster));
    expect(asPoster._entities).toEqual([{ id: bid.id, status: 'PENDING', acceptFailure: failure }]);
    const inList = dataOf(await subgraphGql<{ _entities: { bids: { edges: { node: BidView }[] } }[] }>('bids', TASK_BIDS_VIEW, { reps: [{ __typename: 'Task', id: taskId }] }, poster));
    expect(inList._entities[0]?.bids.edges.map((e) => e.node)).toEqual([{ id: bid.id, acceptFailure: failure }]);
    // The tasker sees the bid, but not why the poster's payment failed.
    const asTasker = dataOf(await subgraphGql<{ _entities: BidView[] }>('bids', BID_VIEW, { reps: [{ __typename: 'Bid', id: bid.id }] }, tasker(taskerId)));
    expect(asTasker._entities).toEqual([{ id: bid.id, status: 'PENDING', acceptFailure: null }]);

    // Accepting again clears the old failure.
    const again = dataOf(await acceptBidRaw(poster, bid.id)).acceptBid;
    expect(again).toMatchObject({ status: 'ACCEPTING', acceptFailure: null });
  });

  it('leaves a bid that is no longer being accepted as it is', async () => {
    const { taskId, posterId, bids: [bid] } = await taskWithBids({ taskerId: newId(), status: 'REJECTED' });
    if (!bid) throw new Error('no bid');
    const declined = await publisher.publish(escrowDeclined, { taskId, bidId: bid.id, payerId: posterId, amount: eur(5_000), reason: 'INSUFFICIENT_FUNDS' });
    await eventually(() => handled(db, 'bids_from_wallet', declined.id), Boolean, { what: 'decline handled' });
    expect(await readBid(bid.id)).toMatchObject({ status: 'REJECTED', lastAcceptFailure: null, updatedAt: bid.updatedAt });
    expect((await taskState(db, taskId)).events).toEqual([]);
  });
});

describe('tasks.task.assigned', () => {
  it('accepts the bid, rejects the task’s other waiting bids, marks the replica ASSIGNED, and ignores a second assigned event', async () => {
    const [winner, loser1, loser2, gone] = [newId(), newId(), newId(), newId()];
    const { taskId, posterId, bids: rows } = await taskWithBids(
      { taskerId: winner, status: 'ACCEPTING' },
      { taskerId: loser1 },
      { taskerId: loser2 },
      { taskerId: gone, status: 'WITHDRAWN' },
    );
    const [chosen, other1, other2, withdrawn] = rows.map((r) => r.id);
    if (!chosen) throw new Error('no bid');
    const paymentId = randomUUID();
    const data = { taskId, posterId, assigneeId: winner, bidId: chosen, paymentId };
    await publisher.publish(taskAssigned, data);

    const state = await eventually(() => taskState(db, taskId), (s) => s.bids.some((b) => b.status === 'ACCEPTED'), { what: 'bid accepted' });
    expect(Object.fromEntries(state.bids.map((b) => [b.id, b.status]))).toEqual({
      [chosen ?? '']: 'ACCEPTED',
      [other1 ?? '']: 'REJECTED',
      [other2 ?? '']: 'REJECTED',
      [withdrawn ?? '']: 'WITHDRAWN',
    });
    expect(state.events[0]).toEqual({ type: 'bids.bid.accepted', data: { bidId: chosen, taskId, taskerId: winner, posterId, paymentId } });
    expect(state.events.slice(1).map((e) => e.data).sort((a, b) => String(a.bidId).localeCompare(String(b.bidId)))).toEqual(
      [
        { bidId: other1, taskId, taskerId: loser1, posterId, reason: 'OTHER_BID_ACCEPTED' },
        { bidId: other2, taskId, taskerId: loser2, posterId, reason: 'OTHER_BID_ACCEPTED' },
      ].sort((a, b) => String(a.bidId).localeCompare(String(b.bidId))),
    );
    expect((await readReplica(taskId))?.status).toBe('ASSIGNED');

    const second = await publisher.publish(taskAssigned, data);
    await eventually(() => handled(db, 'bids_from_tasks', second.id), Boolean, { what: 'second assigned handled' });
    expect(await taskState(db, taskId)).toEqual(state);
  });

  it('retries an assigned event that overtook its bid, and applies it once the bid exists', async () => {
    const posterId = newId();
    const taskId = await insertReplica(db, { posterId, lastEventAt: new Date(Date.now() - 60_000) });
    tasks.push(taskId);
    const bidId = randomUUID();
    const taskerId = newId();
    const failedBefore = await failedHandlings('bids_from_tasks');
    const assigned = await publisher.publish(taskAssigned, { taskId, posterId, assigneeId: taskerId, bidId, paymentId: randomUUID() });
    await eventually(() => failedHandlings('bids_from_tasks'), (n) => n > failedBefore, { what: 'the assigned event to fail once' });
    expect(await handled(db, 'bids_from_tasks', assigned.id)).toBe(false);

    await insertBids(db, [{ id: bidId, taskId, taskerId, currency: 'EUR', status: 'ACCEPTING' }]);
    created.push(bidId);
    await eventually(() => readBid(bidId), (b) => b?.status === 'ACCEPTED', { what: 'bid accepted on redelivery' });
    expect((await readReplica(taskId))?.status).toBe('ASSIGNED');
  });

  it('leaves alone a bid whose task’s cancellation arrived before the assignment it followed', async () => {
    const taskerId = newId();
    const { taskId, posterId, bids: [bid] } = await taskWithBids({ taskerId, status: 'ACCEPTING' });
    if (!bid) throw new Error('no bid');
    const assignedAt = new Date();
    const cancelled = await publisher.publish(taskCancelled, { taskId, posterId, previousStatus: 'ASSIGNED' }, { occurredAt: new Date(assignedAt.getTime() + 1_000) });
    await eventually(() => handled(db, 'bids_from_tasks', cancelled.id), Boolean, { what: 'cancellation handled' });
    const late = await publisher.publish(taskAssigned, { taskId, posterId, assigneeId: taskerId, bidId: bid.id, paymentId: randomUUID() }, { occurredAt: assignedAt });
    await eventually(() => handled(db, 'bids_from_tasks', late.id), Boolean, { what: 'late assignment handled' });
    expect((await readBid(bid.id))?.status).toBe('REJECTED');
    expect((await readReplica(taskId))?.status).toBe('CANCELLED');
    expect((await taskState(db, taskId)).events.map((e) => e.type)).toEqual(['bids.bid.rejected']);
  });
});

describe('tasks.task.cancelled during an acceptance', () => {
  it('rejects the ACCEPTING bid too, with the pending ones', async () => {
    const { taskId, posterId, bids: rows } = await taskWithBids({ taskerId: newId(), status: 'ACCEPTING' }, { taskerId: newId() });
    await publisher.publish(taskCancelled, { taskId, posterId, previousStatus: 'OPEN' });
    const state = await eventually(() => taskState(db, taskId), (s) => s.bids.every((b) => b.status === 'REJECTED'), { what: 'bids rejected' });
    expect(state.events.map((e) => [e.type, e.data.bidId, e.data.reason]).sort()).toEqual(
      rows.map((r) => ['bids.bid.rejected', r.id, 'TASK_CANCELLED']).sort(),
    );
  });
});

describe('tasks.task.done and tasks.task.completed', () => {
  it('keep the replica’s status in step with the task', async () => {
    const { taskId, posterId } = await taskWithBids();
    const assigneeId = newId();
    await db.update(taskReplica).set({ status: 'ASSIGNED' }).where(eq(taskReplica.taskId, taskId));
    await publisher.publish(taskDone, { taskId, posterId, assigneeId });
    await eventually(() => readReplica(taskId), (r) => r?.status === 'DONE', { what: 'replica DONE' });
    await publisher.publish(taskCompleted, { taskId, posterId, assigneeId, completedBy: 'POSTER' });
    const replica = await eventually(() => readReplica(taskId), (r) => r?.status === 'COMPLETED', { what: 'replica COMPLETED' });
    expect(replica).toMatchObject({ budgetMinor: 8_000, currency: 'EUR', posterId });
  });
});
