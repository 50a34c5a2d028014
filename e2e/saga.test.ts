import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventually, gql, gqlOk, signUpUser, type GraphQLResponse, type TestUser } from '@sx/testkit';

// The bid → payment saga (docs/saga.md, issue #5) end to end, through the gateway only:
// bids, wallet and tasks react to each other's events; the test watches the outcome.

interface WalletView {
  balance: { amount: number };
  available: { amount: number };
  held: { amount: number };
}
interface BidView {
  id: string;
  status: string;
  tasker: { id: string };
  acceptFailure: { reason: string; at: string } | null;
}
interface TaskView {
  id: string;
  status: string;
  assignee: { id: string } | null;
  payment: { status: string; amount: { amount: number; currency: string }; fee: { amount: number } | null } | null;
  bids: { edges: { node: BidView }[] };
}

const BID = 'id status tasker { id } acceptFailure { reason at }';
const TASK = `query($id: ID!) { task(id: $id) { id status assignee { id } payment { status amount { amount currency } fee { amount } } bids(first: 10) { edges { node { ${BID} } } } } }`;

const as = (user: TestUser) => ({ token: user.accessToken });

async function deposit(user: TestUser, amount: number): Promise<void> {
  await gqlOk(
    `mutation($input: DepositInput!) { deposit(input: $input) { wallet { balance { amount } } } }`,
    { input: { amount: { amount, currency: 'USD' }, idempotencyKey: randomUUID() } },
    as(user),
  );
}

async function walletOf(user: TestUser): Promise<WalletView> {
  const data = await gqlOk<{ me: { wallet: WalletView } }>(
    `{ me { wallet(currency: "USD") { balance { amount } available { amount } held { amount } } } }`,
    {},
    as(user),
  );
  return data.me.wallet;
}

const money = (w: WalletView) => ({ balance: w.balance.amount, available: w.available.amount, held: w.held.amount });

async function postTask(poster: TestUser, budget: number): Promise<string> {
  const data = await gqlOk<{ postTask: { id: string } }>(
    `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
    { input: { title: 'Assemble a wardrobe', category: 'HANDYMAN', budget: { amount: budget, currency: 'USD' } } },
    as(poster),
  );
  return data.postTask.id;
}

const isRetryable = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.retryable === true;

/** Places a bid, retrying while bidding has not heard of the task yet (TASK_NOT_YET_KNOWN). */
async function bidWhenKnown(tasker: TestUser, taskId: string, amount: number): Promise<BidView> {
  const place = () =>
    gql<{ placeBid: BidView }>(
      `mutation($input: PlaceBidInput!) { placeBid(input: $input) { ${BID} } }`,
      { input: { taskId, amount: { amount, currency: 'USD' }, message: 'Done by Friday.' } },
      as(tasker),
    );
  const res = await eventually(place, (r) => !isRetryable(r), { what: 'bidding to know the task' });
  if (res.errors || !res.data) throw new Error(`placeBid failed: ${JSON.stringify(res.errors)}`);
  return res.data.placeBid;
}

async function acceptBid(poster: TestUser, bidId: string): Promise<BidView> {
  return (await gqlOk<{ acceptBid: BidView }>(`mutation($id: ID!) { acceptBid(id: $id) { ${BID} } }`, { id: bidId }, as(poster))).acceptBid;
}

async function taskMutation(user: TestUser, name: 'markTaskDone' | 'confirmTaskCompletion' | 'cancelTask', taskId: string): Promise<string> {
  const data = await gqlOk<Record<string, { status: string }>>(`mutation($id: ID!) { ${name}(id: $id) { status } }`, { id: taskId }, as(user));
  return data[name]?.status ?? '';
}

const viewTask = async (user: TestUser, taskId: string): Promise<TaskView> => {
  const data = await gqlOk<{ task: TaskView | null }>(TASK, { id: taskId }, as(user));
  if (!data.task) throw new Error(`task ${taskId} not found`);
  return data.task;
};
const bidOf = (task: TaskView, bidId: string) => task.bids.edges.find((e) => e.node.id === bidId)?.node;

/** The poster's view once the accepted bid's escrow is held and the task assigned to it. */
function waitForAssignment(poster: TestUser, taskId: string, bidId: string): Promise<TaskView> {
  return eventually(
    () => viewTask(poster, taskId),
    (t) => t.status === 'ASSIGNED' && bidOf(t, bidId)?.status === 'ACCEPTED' && t.bids.edges.every((e) => e.node.status !== 'PENDING'),
    { what: 'task assigned and bids settled' },
  );
}

async function signUpAll() {
  return Promise.all([
    signUpUser({ roles: ['POSTER'], name: 'Paula Poster' }),
    signUpUser({ roles: ['TASKER'], name: 'Tina Tasker' }),
    signUpUser({ roles: ['TASKER'], name: 'Tom Tasker' }),
  ]);
}

describe('the bid → payment saga, through the gateway', () => {
  it('holds the bid amount on accept, assigns the task, and releases it minus the fee on completion', async () => {
    const [poster, tina, tom] = await signUpAll();
    await deposit(poster, 10_000);
    const taskId = await postTask(poster, 8_000);
    const tinaBid = await bidWhenKnown(tina, taskId, 7_005);
    const tomBid = await bidWhenKnown(tom, taskId, 7_500);

    expect(await acceptBid(poster, tinaBid.id)).toMatchObject({ id: tinaBid.id, status: 'ACCEPTING', acceptFailure: null });

    const assigned = await waitForAssignment(poster, taskId, tinaBid.id);
    expect(assigned.assignee).toEqual({ id: tina.id });
    expect(bidOf(assigned, tomBid.id)?.status).toBe('REJECTED');
    expect(assigned.payment).toEqual({ status: 'HELD', amount: { amount: 7_005, currency: 'USD' }, fee: null });
    expect(money(await walletOf(poster))).toEqual({ balance: 10_000, available: 2_995, held: 7_005 });

    expect(await taskMutation(tina, 'markTaskDone', taskId)).toBe('DONE');
    expect(await taskMutation(poster, 'confirmTaskCompletion', taskId)).toBe('COMPLETED');

    // Fee: 10 % of 70.05 is 7.005, rounded half up to 7.01; the tasker gets 63.04.
    const released = await eventually(() => viewTask(poster, taskId), (t) => t.payment?.status === 'RELEASED', { what: 'payment released' });
    expect(released.payment).toEqual({ status: 'RELEASED', amount: { amount: 7_005, currency: 'USD' }, fee: { amount: 701 } });
    expect(money(await walletOf(tina))).toEqual({ balance: 6_304, available: 6_304, held: 0 });
    expect(money(await walletOf(poster))).toEqual({ balance: 2_995, available: 2_995, held: 0 });
    expect(money(await walletOf(tom))).toEqual({ balance: 0, available: 0, held: 0 });
  });

  it('refunds the poster in full when an assigned task is cancelled', async () => {
    const [poster, tina] = await signUpAll();
    await deposit(poster, 5_000);
    const taskId = await postTask(poster, 5_000);
    const tinaBid = await bidWhenKnown(tina, taskId, 4_000);
    await acceptBid(poster, tinaBid.id);
    const assigned = await waitForAssignment(poster, taskId, tinaBid.id);
    expect(assigned.payment?.status).toBe('HELD');
    expect(money(await walletOf(poster))).toEqual({ balance: 5_000, available: 1_000, held: 4_000 });

    expect(await taskMutation(poster, 'cancelTask', taskId)).toBe('CANCELLED');
    const refunded = await eventually(() => viewTask(poster, taskId), (t) => t.payment?.status === 'REFUNDED', { what: 'payment refunded' });
    expect(refunded).toMatchObject({ status: 'CANCELLED', payment: { amount: { amount: 4_000 }, fee: null } });
    expect(money(await walletOf(poster))).toEqual({ balance: 5_000, available: 5_000, held: 0 });
    expect(money(await walletOf(tina))).toEqual({ balance: 0, available: 0, held: 0 });
  });

  it('puts the bid back to pending, telling the poster why, when the poster cannot cover it — and accepts it once they can', async () => {
    const [poster, tina] = await signUpAll();
    await deposit(poster, 1_000);
    const taskId = await postTask(poster, 5_000);
    const tinaBid = await bidWhenKnown(tina, taskId, 4_000);

    expect((await acceptBid(poster, tinaBid.id)).status).toBe('ACCEPTING');
    const declined = await eventually(
      () => viewTask(poster, taskId),
      (t) => bidOf(t, tinaBid.id)?.status === 'PENDING',
      { what: 'bid pending again' },
    );
    expect(bidOf(declined, tinaBid.id)?.acceptFailure).toMatchObject({ reason: 'INSUFFICIENT_FUNDS' });
    expect(declined).toMatchObject({ status: 'OPEN', assignee: null, payment: null });
    expect(money(await walletOf(poster))).toEqual({ balance: 1_000, available: 1_000, held: 0 });
    // The reason concerns the poster's money: the tasker sees the bid, not the reason.
    expect(bidOf(await viewTask(tina, taskId), tinaBid.id)).toMatchObject({ status: 'PENDING', acceptFailure: null });

    await deposit(poster, 3_000);
    expect(await acceptBid(poster, tinaBid.id)).toMatchObject({ status: 'ACCEPTING', acceptFailure: null });
    const assigned = await waitForAssignment(poster, taskId, tinaBid.id);
    expect(assigned).toMatchObject({ assignee: { id: tina.id }, payment: { status: 'HELD', amount: { amount: 4_000 } } });
    expect(bidOf(assigned, tinaBid.id)?.acceptFailure).toBeNull();
    expect(money(await walletOf(poster))).toEqual({ balance: 4_000, available: 0, held: 4_000 });
  });
});
