import { describe, expect, it } from 'vitest';
import { errorCode, eventually, gql, gqlOk, signUpUser, type GraphQLResponse, type TestUser } from '@sx/testkit';

// Bidding end to end, through the gateway only: tasks tells bids about a task through events,
// taskers bid, the poster sees every bid, and cancelling the task rejects the pending ones.

const BID = 'id amount { amount currency } message status tasker { name }';
const PLACE = `mutation($input: PlaceBidInput!) { placeBid(input: $input) { ${BID} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateBidInput!) { updateBid(id: $id, input: $input) { ${BID} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawBid(id: $id) { ${BID} } }`;
const TASK_BIDS = `query($id: ID!) { task(id: $id) { status bidCount bids(first: 10) { edges { node { ${BID} } } } } }`;

interface Bid {
  id: string;
  amount: { amount: number; currency: string };
  message: string;
  status: string;
  tasker: { name: string };
}
interface TaskView {
  task: { status: string; bidCount: number; bids: { edges: { node: Bid }[] } };
}

const isRetryable = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.retryable === true;

const placeBidRaw = (user: TestUser, taskId: string, amount: number, currency = 'EUR') =>
  gql<{ placeBid: Bid }>(PLACE, { input: { taskId, amount: { amount, currency }, message: `${user.name} can do it.` } }, { token: user.accessToken });

/** Places a bid, retrying while bidding has not yet heard of the task (the retryable CONFLICT). */
async function placeBidWhenKnown(user: TestUser, taskId: string, amount: number): Promise<Bid> {
  const res = await eventually(() => placeBidRaw(user, taskId, amount), (r) => !isRetryable(r), { what: 'bidding to know the task' });
  if (res.errors || !res.data) throw new Error(`placeBid failed: ${JSON.stringify(res.errors)}`);
  return res.data.placeBid;
}

const view = (user: TestUser, taskId: string) => gqlOk<TaskView>(TASK_BIDS, { id: taskId }, { token: user.accessToken });
const byTasker = (v: TaskView) =>
  Object.fromEntries(v.task.bids.edges.map(({ node }) => [node.tasker.name, { amount: node.amount.amount, status: node.status }]));

describe('post a task → taskers bid → the poster compares → the task is cancelled', () => {
  it('walks the bidding path through the gateway', async () => {
    const [poster, tina, tom, tess] = await Promise.all([
      signUpUser({ roles: ['POSTER', 'TASKER'], name: 'Paula Poster' }),
      signUpUser({ roles: ['TASKER'], name: 'Tina Tasker' }),
      signUpUser({ roles: ['TASKER'], name: 'Tom Tasker' }),
      signUpUser({ roles: ['TASKER'], name: 'Tess Tasker' }),
    ]);
    const { postTask } = await gqlOk<{ postTask: { id: string } }>(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      { input: { title: 'Paint the garden fence', category: 'HANDYMAN', budget: { amount: 8_000, currency: 'EUR' } } },
      { token: poster.accessToken },
    );
    const taskId = postTask.id;

    // Until tasks.task.posted reaches bids, placeBid answers the retryable CONFLICT.
    const tinaBid = await placeBidWhenKnown(tina, taskId, 7_000);
    const tomBid = await placeBidWhenKnown(tom, taskId, 7_500);
    expect(tinaBid).toMatchObject({ amount: { amount: 7_000, currency: 'EUR' }, status: 'PENDING', tasker: { name: 'Tina Tasker' } });

    // The poster sees both bids; each tasker only their own; an anonymous caller none.
    const posterView = await view(poster, taskId);
    expect(posterView.task.bidCount).toBe(2);
    expect(byTasker(posterView)).toEqual({
      'Tina Tasker': { amount: 7_000, status: 'PENDING' },
      'Tom Tasker': { amount: 7_500, status: 'PENDING' },
    });
    expect(Object.keys(byTasker(await view(tina, taskId)))).toEqual(['Tina Tasker']);
    const anonymous = await gqlOk<TaskView>(TASK_BIDS, { id: taskId });
    expect(anonymous.task).toMatchObject({ bidCount: 2, bids: { edges: [] } });

    // Tina lowers her price; Tom withdraws and bids again (a withdrawn bid does not block).
    const lowered = await gqlOk<{ updateBid: Bid }>(UPDATE, { id: tinaBid.id, input: { amount: { amount: 6_500, currency: 'EUR' } } }, { token: tina.accessToken });
    expect(lowered.updateBid).toMatchObject({ amount: { amount: 6_500, currency: 'EUR' }, status: 'PENDING' });
    const withdrawn = await gqlOk<{ withdrawBid: Bid }>(WITHDRAW, { id: tomBid.id }, { token: tom.accessToken });
    expect(withdrawn.withdrawBid.status).toBe('WITHDRAWN');
    const tomAgain = (await placeBidRaw(tom, taskId, 6_900)).data?.placeBid;
    expect(tomAgain?.status).toBe('PENDING');

    // Refusals, each with its code, and nothing changes.
    const ownTask = await placeBidRaw(poster, taskId, 5_000);
    expect([errorCode(ownTask), ownTask.errors?.[0]?.message]).toEqual(['FORBIDDEN', 'You cannot bid on a task you posted.']);
    const wrongCurrency = await placeBidRaw(tess, taskId, 5_000, 'USD');
    expect(errorCode(wrongCurrency)).toBe('BAD_USER_INPUT');
    expect(wrongCurrency.errors?.[0]?.message).toMatch(/must be EUR/);
    const secondBid = await placeBidRaw(tina, taskId, 6_000);
    expect(errorCode(secondBid)).toBe('CONFLICT');
    expect(secondBid.errors?.[0]?.message).toMatch(/already have a bid/);
    const othersBid = await gql(WITHDRAW, { id: tinaBid.id }, { token: tom.accessToken });
    expect(errorCode(othersBid)).toBe('FORBIDDEN');
    const before = await view(poster, taskId);
    expect(before.task.bidCount).toBe(2);
    expect(byTasker(before)['Tina Tasker']).toEqual({ amount: 6_500, status: 'PENDING' });
    expect(before.task.bids.edges.map((e) => e.node.status).sort()).toEqual(['PENDING', 'PENDING', 'WITHDRAWN']);

    // Cancelling the task rejects the pending bids once tasks.task.cancelled reaches bids.
    await gqlOk(`mutation($id: ID!) { cancelTask(id: $id) { id } }`, { id: taskId }, { token: poster.accessToken });
    const after = await eventually(() => view(poster, taskId), (v) => v.task.bidCount === 0, { what: 'pending bids rejected' });
    expect(after.task.status).toBe('CANCELLED');
    expect(after.task.bids.edges.map(({ node }) => [node.id, node.status])).toEqual(
      expect.arrayContaining([
        [tinaBid.id, 'REJECTED'],
        [tomAgain?.id, 'REJECTED'],
        [tomBid.id, 'WITHDRAWN'],
      ]),
    );
    expect(after.task.bids.edges).toHaveLength(3);

    // A cancelled task takes no bids: a final CONFLICT, not the retryable one.
    const late = await placeBidRaw(tess, taskId, 6_000);
    expect(errorCode(late)).toBe('CONFLICT');
    expect(isRetryable(late)).toBe(false);
    expect(late.errors?.[0]?.message).toBe('This task is cancelled; only open tasks take bids.');
    expect((await view(tess, taskId)).task.bids.edges).toEqual([]);
  });

  it('tells a tasker to retry when bidding does not know the task yet, and a poster-only user that bidding needs the TASKER role', async () => {
    const [tasker, posterOnly] = await Promise.all([signUpUser({ roles: ['TASKER'] }), signUpUser({ roles: ['POSTER'] })]);
    const unknown = await placeBidRaw(tasker, crypto.randomUUID(), 5_000);
    expect(errorCode(unknown)).toBe('CONFLICT');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ reason: 'TASK_NOT_YET_KNOWN', retryable: true });
    expect(JSON.stringify(unknown.errors)).not.toMatch(/stacktrace|\.ts:\d+/);
    const noRole = await placeBidRaw(posterOnly, crypto.randomUUID(), 5_000);
    expect(errorCode(noRole)).toBe('FORBIDDEN');
    expect(noRole.errors?.[0]?.message).toBe('Only users with the TASKER role can do this.');
  });
});
