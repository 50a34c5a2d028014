import { eventually } from '@sx/testkit';
import { acked, untilDecided } from './acked.js';

export interface ClusterUser {
  id: string;
  token: string;
}

/** What the cluster acknowledged to the clients: each must be there at the end. */
export interface AckedLog {
  /** Wallet transaction ids of deposits and sends, with the users they touch. */
  transactions: { id: string; users: string[] }[];
  /** Tasks whose saga ran to the end, with the status the client saw last. */
  tasks: { id: string; poster: string; outcome: 'RELEASED' | 'REFUNDED' }[];
}

const usd = (amount: number) => ({ amount, currency: 'USD' });

export async function signUp(url: string, n: number): Promise<ClusterUser> {
  const email = `cluster${n}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;
  const data = await acked<{ signUp: { accessToken: string; user: { id: string } } }>(
    url,
    `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }`,
    { input: { email, password: 'correct horse battery staple', name: `Cluster ${n}`, roles: ['POSTER', 'TASKER'] } },
  );
  return { id: data.signUp.user.id, token: data.signUp.accessToken };
}

export async function deposit(url: string, user: ClusterUser, amount: number, log: AckedLog): Promise<void> {
  const data = await acked<{ deposit: { transaction: { id: string } } }>(
    url,
    `mutation($i: DepositInput!) { deposit(input: $i) { transaction { id } } }`,
    { i: { amount: usd(amount), idempotencyKey: crypto.randomUUID() } },
    user.token,
  );
  log.transactions.push({ id: data.deposit.transaction.id, users: [user.id] });
}

/** One send, retried with the same idempotency key until the cluster answers. */
export async function send(url: string, from: ClusterUser, to: ClusterUser, amount: number, log: AckedLog): Promise<void> {
  const data = await acked<{ sendMoney: { transaction: { id: string } } }>(
    url,
    `mutation($i: SendMoneyInput!) { sendMoney(input: $i) { transaction { id } } }`,
    { i: { toUserId: to.id, amount: usd(amount), idempotencyKey: crypto.randomUUID() } },
    from.token,
  );
  log.transactions.push({ id: data.sendMoney.transaction.id, users: [from.id, to.id] });
}

type TaskState = { task: { status: string; payment: { status: string } | null } | null };

function waitForState(url: string, taskId: string, token: string, want: string): Promise<unknown> {
  const read = async () => (await untilDecided<TaskState>(url, `query($id: ID!) { task(id: $id) { status payment { status } } }`, { id: taskId }, token)).response.data;
  return eventually(read, (d) => d?.task?.status === want || d?.task?.payment?.status === want, { timeoutMs: 120_000, intervalMs: 200, what: `task ${taskId} ${want}` });
}

/** The bid `tasker` placed on the task: a retried placeBid may be refused because the first one landed. */
async function placeBid(url: string, taskId: string, poster: ClusterUser, tasker: ClusterUser, amount: number): Promise<string> {
  const placed = await untilDecided<{ placeBid: { id: string } | null }>(url, `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`, { input: { taskId, amount: usd(amount), message: '' } }, tasker.token);
  if (placed.response.data?.placeBid) return placed.response.data.placeBid.id;
  const bids = await acked<{ task: { bids: { edges: { node: { id: string; tasker: { id: string } } }[] } } }>(
    url,
    `query($id: ID!) { task(id: $id) { bids(first: 20) { edges { node { id tasker { id } } } } } }`,
    { id: taskId },
    poster.token,
  );
  const mine = bids.task.bids.edges.find((e) => e.node.tasker.id === tasker.id);
  if (!mine) throw new Error(`placeBid refused and no bid found: ${JSON.stringify(placed.response.errors)}`);
  return mine.node.id;
}

/**
 * post → bid → accept (escrow held) → done + confirm (released) or cancel (refunded). A step the
 * cluster refuses on a retry (its first attempt landed) is checked by the state it leads to.
 */
export async function saga(url: string, poster: ClusterUser, tasker: ClusterUser, outcome: 'RELEASED' | 'REFUNDED', log: AckedLog): Promise<void> {
  const step = (query: string, variables: Record<string, unknown>, who: ClusterUser) => untilDecided(url, query, variables, who.token);
  const posted = await acked<{ postTask: { id: string } }>(url, `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`, { input: { title: 'Cluster task', category: 'OTHER', budget: usd(1_000) } }, poster.token);
  const taskId = posted.postTask.id;
  // tasks tells bids of the new task by an event: a bid may be refused until bids has heard.
  const bidId = await eventually(() => placeBid(url, taskId, poster, tasker, 1_000).catch(() => null), (id) => id !== null, { timeoutMs: 60_000, intervalMs: 200, what: 'a bid on the new task' });
  await step(`mutation($id: ID!) { acceptBid(id: $id) { id } }`, { id: bidId }, poster);
  await waitForState(url, taskId, poster.token, 'ASSIGNED');
  if (outcome === 'RELEASED') {
    await step(`mutation($id: ID!) { markTaskDone(id: $id) { id } }`, { id: taskId }, tasker);
    await waitForState(url, taskId, poster.token, 'DONE');
    await step(`mutation($id: ID!) { confirmTaskCompletion(id: $id) { id } }`, { id: taskId }, poster);
  } else {
    await step(`mutation($id: ID!) { cancelTask(id: $id) { id } }`, { id: taskId }, poster);
  }
  await waitForState(url, taskId, poster.token, outcome);
  log.tasks.push({ id: taskId, poster: poster.id, outcome });
}
