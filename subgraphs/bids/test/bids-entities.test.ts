import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useStackDb } from '@sx/testkit/hooks';
import { dbQueriesDuring, gql, gqlOk, signUpUser, subgraphGql } from '@sx/testkit';
import type { Identity } from '@sx/core';
import { deleteBids, deleteReplicas, insertBids, insertReplica, newId } from './seed.js';

// Reads of bids placed directly in the table (fixed timestamps, statuses the API cannot make
// yet). The N+1 checks count statements per operation name, so other files do not disturb them.

const BID_FIELDS = 'id amount { amount currency } message status task { id } tasker { id } createdAt updatedAt';
const TASK_BIDS = `query($reps: [_Any!]!, $first: Int, $after: String) { _entities(representations: $reps) {
  ... on Task { id bidCount bids(first: $first, after: $after) { edges { cursor node { ${BID_FIELDS} } } pageInfo { hasNextPage endCursor } } } } }`;
const TASK_COUNTS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Task { id bidCount } } }`;
const USER_BIDS = `query($reps: [_Any!]!, $first: Int) { _entities(representations: $reps) {
  ... on User { id bids(first: $first) { edges { node { id status } } pageInfo { hasNextPage } } } } }`;
const BIDS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Bid { ${BID_FIELDS} } } }`;

interface BidNode {
  id: string;
  amount: { amount: number; currency: string };
  status: string;
  task: { id: string };
  tasker: { id: string };
}
interface TaskEntity {
  id: string;
  bidCount: number;
  bids: { edges: { cursor: string; node: BidNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
interface UserEntity {
  id: string;
  bids: { edges: { node: { id: string; status: string } }[]; pageInfo: { hasNextPage: boolean } };
}

const alice = newId();
const bob = newId();
const carol = newId();
/** Posted taskA; the replica knows it. taskB is unknown to the replica. */
const paula = newId();
const taskA = newId();
const taskB = newId();
const asUser = (userId: string): Partial<Identity> => ({ userId, roles: ['POSTER', 'TASKER'] });
const asAdmin: Partial<Identity> = { userId: newId(), roles: ['ADMIN'] };
const taskRef = (id: string) => ({ __typename: 'Task', id });
const userRef = (id: string) => ({ __typename: 'User', id });
const bidRef = (id: string) => ({ __typename: 'Bid', id });

const db = useStackDb();
const seeded: Record<'alice' | 'bob' | 'carolWithdrawn' | 'aliceRejected', string> = {
  alice: '',
  bob: '',
  carolWithdrawn: '',
  aliceRejected: '',
};

beforeAll(async () => {
  await insertReplica(db, { taskId: taskA, posterId: paula });
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 31, 17, minute));
  const rows = await insertBids(db, [
    { taskId: taskA, taskerId: alice, amountMinor: 12_500, createdAt: at(1), updatedAt: at(1) },
    { taskId: taskA, taskerId: bob, amountMinor: 9_900, currency: 'EUR', createdAt: at(2), updatedAt: at(2) },
    { taskId: taskA, taskerId: carol, status: 'WITHDRAWN', createdAt: at(3), updatedAt: at(4) },
    { taskId: taskB, taskerId: alice, status: 'REJECTED', createdAt: at(5), updatedAt: at(6) },
  ]);
  const [a, b, c, r] = rows.map((row) => row.id);
  Object.assign(seeded, { alice: a, bob: b, carolWithdrawn: c, aliceRejected: r });
});

afterAll(async () => {
  await deleteBids(db, Object.values(seeded));
  await deleteReplicas(db, [taskA]);
});

describe('Task.bidCount', () => {
  it('counts only standing bids: pending, accepting and accepted', async () => {
    const res = await subgraphGql<{ _entities: TaskEntity[] }>('bids', TASK_COUNTS, { reps: [taskRef(taskA), taskRef(taskB)] });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { id: taskA, bidCount: 2 },
      { id: taskB, bidCount: 0 },
    ]);
  });

  it('is public: an anonymous caller sees the same count', async () => {
    const res = await subgraphGql<{ _entities: TaskEntity[] }>('bids', TASK_COUNTS, { reps: [taskRef(taskA)] });
    expect(res.data?._entities[0]?.bidCount).toBe(2);
  });

  it('answers every task of a batch with one SQL statement', async () => {
    const tasks = [taskA, taskB, newId(), newId(), newId(), newId(), newId(), newId()];
    const { result, queries } = await dbQueriesDuring('bids', () =>
      subgraphGql<{ _entities: TaskEntity[] }>('bids', TASK_COUNTS, { reps: tasks.map(taskRef) }),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities.map((t) => t.bidCount)).toEqual([2, 0, 0, 0, 0, 0, 0, 0]);
    expect(queries).toBe(1);
  });
});

describe('Task.bids', () => {
  it('gives a task without bids an empty page', async () => {
    const res = await subgraphGql<{ _entities: TaskEntity[] }>('bids', TASK_BIDS, { reps: [taskRef(newId())] }, asUser(alice));
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]).toMatchObject({ bidCount: 0, bids: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } });
  });

  it("shows a tasker only their own bid on someone else's task", async () => {
    const res = await subgraphGql<{ _entities: TaskEntity[] }>('bids', TASK_BIDS, { reps: [taskRef(taskA)] }, asUser(bob));
    expect(res.errors).toBeUndefined();
    const nodes = res.data?._entities[0]?.bids.edges.map((e) => e.node);
    expect(nodes).toEqual([
      expect.objectContaining({
        id: seeded.bob,
        amount: { amount: 9_900, currency: 'EUR' },
        status: 'PENDING',
        task: { id: taskA },
        tasker: { id: bob },
      }),
    ]);
  });

  it("shows the task's poster every bid on their task, newest first", async () => {
    const res = await subgraphGql<{ _entities: TaskEntity[] }>('bids', TASK_BIDS, { reps: [taskRef(taskA), taskRef(taskB)] }, asUser(paula));
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]?.bids.edges.map((e) => e.node.id)).toEqual([seeded.carolWithdrawn, seeded.bob, seeded.alice]);
    // taskB is someone else's (and unknown to the replica): nothing of it shows.
    expect(res.data?._entities[1]?.bids.edges).toEqual([]);
  });

  it("shows a poster's view with one SQL statement for a whole list of tasks", async () => {
    const tasks = [taskA, taskB, newId(), newId()];
    const { result, queries } = await dbQueriesDuring('bids', () =>
      subgraphGql<{ _entities: { bids: TaskEntity['bids'] }[] }>(
        'bids',
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Task { bids(first: 5) { edges { node { id } } } } } }`,
        { reps: tasks.map(taskRef) },
        asUser(paula),
      ),
    );
    expect(result.data?._entities.map((t) => t.bids.edges.length)).toEqual([3, 0, 0, 0]);
    expect(queries).toBe(1);
  });

  it('shows an anonymous caller no bids', async () => {
    const res = await subgraphGql<{ _entities: TaskEntity[] }>('bids', TASK_BIDS, { reps: [taskRef(taskA)] });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]?.bids.edges).toEqual([]);
  });

  it('shows an admin every bid, newest first, page by page', async () => {
    const first = await subgraphGql<{ _entities: TaskEntity[] }>('bids', TASK_BIDS, { reps: [taskRef(taskA)], first: 2 }, asAdmin);
    const page1 = first.data?._entities[0]?.bids;
    expect(page1?.edges.map((e) => e.node.id)).toEqual([seeded.carolWithdrawn, seeded.bob]);
    expect(page1?.pageInfo.hasNextPage).toBe(true);

    const next = await subgraphGql<{ _entities: TaskEntity[] }>(
      'bids',
      TASK_BIDS,
      { reps: [taskRef(taskA)], first: 2, after: page1?.pageInfo.endCursor },
      asAdmin,
    );
    const page2 = next.data?._entities[0]?.bids;
    expect(page2?.edges.map((e) => e.node.id)).toEqual([seeded.alice]);
    expect(page2?.pageInfo).toMatchObject({ hasNextPage: false });
  });

  it('answers the bids of a whole list of tasks with one SQL statement', async () => {
    const tasks = [taskA, taskB, newId(), newId(), newId()];
    const { result, queries } = await dbQueriesDuring('bids', () =>
      subgraphGql<{ _entities: { bids: TaskEntity['bids'] }[] }>(
        'bids',
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Task { bids(first: 2) { edges { node { id } } pageInfo { hasNextPage } } } } }`,
        { reps: tasks.map(taskRef) },
        asAdmin,
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities.map((t) => t.bids.edges.length)).toEqual([2, 1, 0, 0, 0]);
    expect(result.data?._entities[0]?.bids.pageInfo.hasNextPage).toBe(true);
    expect(queries).toBe(1);
  });

  it('refuses a page size over 100 with BAD_USER_INPUT', async () => {
    const res = await subgraphGql('bids', TASK_BIDS, { reps: [taskRef(taskA)], first: 101 }, asAdmin);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('at most 100');
  });

  it('refuses a forged cursor with BAD_USER_INPUT instead of failing in the database', async () => {
    const forged = Buffer.from(JSON.stringify(['not a date', 'not a uuid'])).toString('base64url');
    const res = await subgraphGql('bids', TASK_BIDS, { reps: [taskRef(taskA)], after: forged }, asAdmin);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('endCursor');
  });

  it('treats a malformed task id as a task without bids', async () => {
    const res = await subgraphGql<{ _entities: TaskEntity[] }>('bids', TASK_BIDS, { reps: [taskRef('not-a-uuid')] }, asAdmin);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]).toMatchObject({ bidCount: 0, bids: { edges: [] } });
  });
});

describe('User.bids', () => {
  it("lists a user's own bids on every task, newest first", async () => {
    const res = await subgraphGql<{ _entities: UserEntity[] }>('bids', USER_BIDS, { reps: [userRef(alice)] }, asUser(alice));
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]?.bids.edges.map((e) => e.node)).toEqual([
      { id: seeded.aliceRejected, status: 'REJECTED' },
      { id: seeded.alice, status: 'PENDING' },
    ]);
  });

  it('lets an admin list any user’s bids', async () => {
    const res = await subgraphGql<{ _entities: UserEntity[] }>('bids', USER_BIDS, { reps: [userRef(alice)] }, asAdmin);
    expect(res.data?._entities[0]?.bids.edges).toHaveLength(2);
  });

  it("refuses another user's bids with FORBIDDEN", async () => {
    const res = await subgraphGql('bids', USER_BIDS, { reps: [userRef(alice)] }, asUser(bob));
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toContain('your own bids');
  });

  it('asks an anonymous caller to sign in', async () => {
    const res = await subgraphGql('bids', USER_BIDS, { reps: [userRef(alice)] });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('gives a user without bids an empty page', async () => {
    const newcomer = newId();
    const res = await subgraphGql<{ _entities: UserEntity[] }>('bids', USER_BIDS, { reps: [userRef(newcomer)] }, asUser(newcomer));
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]?.bids).toEqual({ edges: [], pageInfo: { hasNextPage: false } });
  });

  it('refuses a page size over 100 with BAD_USER_INPUT', async () => {
    const res = await subgraphGql('bids', USER_BIDS, { reps: [userRef(alice)], first: 500 }, asUser(alice));
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('Bid entity', () => {
  it('resolves a bid for the tasker who placed it', async () => {
    const res = await subgraphGql<{ _entities: (BidNode | null)[] }>('bids', BIDS, { reps: [bidRef(seeded.alice)] }, asUser(alice));
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]).toMatchObject({
      id: seeded.alice,
      amount: { amount: 12_500, currency: 'USD' },
      message: 'I can do this tomorrow.',
      status: 'PENDING',
      createdAt: '2026-01-31T17:01:00.000Z',
      updatedAt: '2026-01-31T17:01:00.000Z',
    });
  });

  it("resolves a bid for the poster of its task", async () => {
    const res = await subgraphGql<{ _entities: (BidNode | null)[] }>('bids', BIDS, { reps: [bidRef(seeded.alice), bidRef(seeded.aliceRejected)] }, asUser(paula));
    expect(res.errors).toBeUndefined();
    // aliceRejected is on taskB, which paula did not post.
    expect(res.data?._entities.map((b) => b?.id ?? null)).toEqual([seeded.alice, null]);
  });

  it("resolves to null for another tasker and for anonymous callers", async () => {
    const asBob = await subgraphGql<{ _entities: unknown[] }>('bids', BIDS, { reps: [bidRef(seeded.alice)] }, asUser(bob));
    const anonymous = await subgraphGql<{ _entities: unknown[] }>('bids', BIDS, { reps: [bidRef(seeded.alice)] });
    expect(asBob.data?._entities).toEqual([null]);
    expect(anonymous.data?._entities).toEqual([null]);
  });

  it('resolves unknown and malformed ids to null, not an error', async () => {
    const res = await subgraphGql<{ _entities: unknown[] }>('bids', BIDS, { reps: [bidRef(newId()), bidRef('42'), bidRef("'; drop table bids.bids; --")] }, asAdmin);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([null, null, null]);
  });

  it('resolves a batch of bids with one SQL statement', async () => {
    const ids = [...Object.values(seeded), newId(), newId(), 'not-a-uuid'];
    const { result, queries } = await dbQueriesDuring('bids', () =>
      subgraphGql<{ _entities: ({ id: string } | null)[] }>('bids', BIDS, { reps: ids.map(bidRef) }, asAdmin),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities.map((b) => b?.id ?? null)).toEqual([...Object.values(seeded), null, null, null]);
    expect(queries).toBe(1);
  });
});

describe('through the gateway', () => {
  it('shows a newly posted task with no bids and a new user with no bids of their own', async () => {
    const poster = await signUpUser();
    const posted = await gqlOk<{ postTask: { id: string; bidCount: number; bids: { edges: unknown[] } } }>(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id bidCount bids(first: 5) { edges { node { id } } } } }`,
      { input: { title: 'Assemble a bookshelf', category: 'HANDYMAN', budget: { amount: 8_000, currency: 'USD' } } },
      { token: poster.accessToken },
    );
    expect(posted.postTask).toMatchObject({ bidCount: 0, bids: { edges: [] } });

    const me = await gqlOk<{ me: { bids: unknown } }>(`{ me { bids { edges { node { id } } pageInfo { hasNextPage } } } }`, {}, { token: poster.accessToken });
    expect(me.me.bids).toEqual({ edges: [], pageInfo: { hasNextPage: false } });
  });

  it("refuses another user's bids with FORBIDDEN", async () => {
    const [owner, other] = await Promise.all([signUpUser(), signUpUser()]);
    const res = await gql(`query($id: ID!) { user(id: $id) { name bids { edges { node { id } } } } }`, { id: owner.id }, { token: other.accessToken });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
