import { callAs, untilFinal, type GatewayClient, type Outcome, type Session } from './bank-client.js';

// One full bid → payment saga as its two users would drive it through the gateway, with the
// retries a real client does (a step in doubt is sent again; a refusal that says the step
// already happened counts as done).

export type SagaPlan = 'complete' | 'cancel' | 'auto-release' | 'withdraw' | 'dispute-split';

/** What a dispute-split saga's admin gives back to the poster: a third, rounded down (the rest is released). */
export const disputeRefundOf = (amountMinor: number): number => Math.floor(amountMinor / 3);

export interface SagaRecord {
  poster: number;
  tasker: number;
  currency: string;
  amountMinor: number;
  plan: SagaPlan;
  taskId?: string;
  bidId?: string;
  /** How far the client got: a saga the nemesis cut short is finished after healing. */
  stage: 'start' | 'posted' | 'bid' | 'accepting' | 'declined' | 'assigned' | 'finishing' | 'finished' | 'abandoned';
  note?: string;
}

interface SagaContext {
  client: GatewayClient;
  sessions: readonly Session[];
  /** A session with the ADMIN role: decides the dispute-split sagas' disputes. */
  admin: Session;
  /** Steps give up (leaving the saga for `finishSaga`) after this time. */
  stepTimeoutMs: number;
}

type TaskView = { task: { status: string; payment: { status: string } | null; bids: { edges: { node: { id: string; status: string; tasker: { id: string } } }[] } } | null };
const TASK_VIEW = `query($id: ID!) { task(id: $id) { status payment { status } bids(first: 20) { edges { node { id status tasker { id } } } } } }`;

const session = (ctx: SagaContext, i: number): Session => {
  const s = ctx.sessions[i];
  if (!s) throw new Error(`no user ${i}`);
  return s;
};

async function step<T>(ctx: SagaContext, user: number, query: string, variables: Record<string, unknown>): Promise<Outcome<T>> {
  return untilFinal(() => callAs<T>(ctx.client, session(ctx, user), query, variables), Date.now() + ctx.stepTimeoutMs);
}

async function view(ctx: SagaContext, saga: SagaRecord): Promise<TaskView['task']> {
  const outcome = await callAs<TaskView>(ctx.client, session(ctx, saga.poster), TASK_VIEW, { id: saga.taskId });
  return outcome.kind === 'ok' ? outcome.data.task : null;
}

/** Polls the task as its poster until `done` holds; false when the time runs out. */
async function watch(ctx: SagaContext, saga: SagaRecord, done: (task: NonNullable<TaskView['task']>) => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const task = await view(ctx, saga);
    if (task && done(task)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const bidOf = (task: NonNullable<TaskView['task']>, saga: SagaRecord) => task.bids.edges.find((e) => e.node.id === saga.bidId)?.node;

async function postAndBid(ctx: SagaContext, saga: SagaRecord): Promise<void> {
  const budget = { amount: saga.amountMinor, currency: saga.currency };
  const posted = await step<{ postTask: { id: string } }>(ctx, saga.poster, `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`, {
    input: { title: 'Nemesis bank test task', category: 'HANDYMAN', budget },
  });
  if (posted.kind !== 'ok') return void Object.assign(saga, { stage: 'abandoned', note: `postTask ${posted.kind}` });
  Object.assign(saga, { stage: 'posted', taskId: posted.data.postTask.id });
  const placed = await step<{ placeBid: { id: string } }>(ctx, saga.tasker, `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`, {
    input: { taskId: saga.taskId, amount: budget, message: 'on it' },
  });
  if (placed.kind === 'ok') return void Object.assign(saga, { stage: 'bid', bidId: placed.data.placeBid.id });
  // A lost answer to a bid that was placed: the retry meets the tasker's own active bid.
  const task = placed.kind === 'refused' && placed.reason === 'ACTIVE_BID_EXISTS' ? await view(ctx, saga) : null;
  const own = task?.bids.edges.find((e) => e.node.tasker.id === session(ctx, saga.tasker).id);
  if (own) return void Object.assign(saga, { stage: 'bid', bidId: own.node.id });
  Object.assign(saga, { stage: 'abandoned', note: `placeBid ${placed.kind} ${placed.kind === 'refused' ? placed.reason : ''}` });
}

/** acceptBid, then the saga's answer: the bid ACCEPTED (task ASSIGNED) or back to PENDING (declined). */
async function accept(ctx: SagaContext, saga: SagaRecord): Promise<void> {
  const accepted = await step(ctx, saga.poster, `mutation($id: ID!) { acceptBid(id: $id) { id } }`, { id: saga.bidId });
  // BID_NOT_PENDING on a retry: the lost first attempt had started the acceptance.
  if (accepted.kind === 'refused' && accepted.reason !== 'BID_NOT_PENDING') return void Object.assign(saga, { stage: 'abandoned', note: `acceptBid ${accepted.reason}` });
  if (accepted.kind === 'in-doubt') return void Object.assign(saga, { stage: 'accepting' });
  saga.stage = 'accepting';
  await awaitAcceptance(ctx, saga, ctx.stepTimeoutMs);
}

export async function awaitAcceptance(ctx: SagaContext, saga: SagaRecord, timeoutMs: number): Promise<void> {
  let status = '';
  await watch(ctx, saga, (task) => {
    status = bidOf(task, saga)?.status ?? '';
    return (status === 'ACCEPTED' && task.status === 'ASSIGNED') || status === 'PENDING';
  }, timeoutMs);
  if (status === 'ACCEPTED') saga.stage = 'assigned';
  if (status === 'PENDING') saga.stage = 'declined';
}

const TASK_STEP: Record<string, string> = {
  done: `mutation($id: ID!) { markTaskDone(id: $id) { id } }`,
  confirm: `mutation($id: ID!) { confirmTaskCompletion(id: $id) { id } }`,
  cancel: `mutation($id: ID!) { cancelTask(id: $id) { id } }`,
  withdraw: `mutation($id: ID!) { withdrawFromTask(taskId: $id) { id } }`,
  dispute: `mutation($id: ID!) { openDispute(input: { taskId: $id, reason: POOR_QUALITY, details: "nemesis" }) { id } }`,
};

/** The end a saga's payment reaches by its plan. */
export function plannedEnd(saga: SagaRecord): 'RELEASED' | 'REFUNDED' | 'SPLIT' {
  if (saga.plan === 'cancel' || saga.plan === 'withdraw') return 'REFUNDED';
  return saga.plan === 'dispute-split' ? 'SPLIT' : 'RELEASED';
}

/**
 * The admin splits the task's open dispute. Its id is read back from the task (the answer to
 * openDispute may have been lost); a retry after a lost answer meets DISPUTE_CLOSED: done.
 */
async function splitDispute(ctx: SagaContext, saga: SagaRecord): Promise<boolean> {
  const read = await step<{ task: { dispute: { id: string; status: string } | null } | null }>(ctx, saga.poster, `query($id: ID!) { task(id: $id) { dispute { id status } } }`, {
    id: saga.taskId,
  });
  const dispute = read.kind === 'ok' ? read.data.task?.dispute : null;
  if (!dispute) return false;
  if (dispute.status !== 'OPEN') return true;
  const refund = disputeRefundOf(saga.amountMinor);
  const money = (amount: number) => ({ amount, currency: saga.currency });
  const input = { disputeId: dispute.id, refundAmount: money(refund), releaseAmount: money(saga.amountMinor - refund) };
  const outcome = await untilFinal(() => callAs(ctx.client, ctx.admin, `mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) { id } }`, { input }), Date.now() + ctx.stepTimeoutMs);
  return outcome.kind === 'ok' || (outcome.kind === 'refused' && outcome.reason === 'DISPUTE_CLOSED');
}

/** The steps after assignment; a CONFLICT on a retry means the lost attempt went through. */
async function finish(ctx: SagaContext, saga: SagaRecord): Promise<void> {
  saga.stage = 'finishing';
  const run = async (user: number, name: string) => {
    const outcome = await step(ctx, user, TASK_STEP[name] ?? '', { id: saga.taskId });
    // A withdrawal whose answer was lost: the retry finds the task no longer the tasker's.
    return outcome.kind === 'ok' || (outcome.kind === 'refused' && (outcome.code === 'CONFLICT' || outcome.reason === 'NOT_TASK_ASSIGNEE'));
  };
  if (saga.plan === 'cancel' || saga.plan === 'withdraw') {
    if (!(await run(saga.plan === 'cancel' ? saga.poster : saga.tasker, saga.plan))) return;
  } else {
    if (!(await run(saga.tasker, 'done'))) return;
    if (saga.plan === 'complete' && !(await run(saga.poster, 'confirm'))) return;
    if (saga.plan === 'dispute-split' && !((await run(saga.poster, 'dispute')) && (await splitDispute(ctx, saga)))) return;
  }
  const end = plannedEnd(saga);
  if (await watch(ctx, saga, (task) => task.payment?.status === end, ctx.stepTimeoutMs)) saga.stage = 'finished';
}

/** Drives a saga as far as it goes; whatever the nemesis cut short, `finishSaga` completes later. */
export async function runSaga(ctx: SagaContext, saga: SagaRecord): Promise<void> {
  await postAndBid(ctx, saga);
  if (saga.stage === 'bid') await accept(ctx, saga);
  if (saga.stage === 'assigned') await finish(ctx, saga);
}

/** After healing: every saga the faults interrupted is driven to its end. */
export async function finishSaga(ctx: SagaContext, saga: SagaRecord): Promise<void> {
  if (saga.stage === 'posted' || saga.stage === 'start') return void Object.assign(saga, { stage: 'abandoned', note: 'no bid before the end' });
  if (saga.stage === 'bid' || saga.stage === 'accepting') {
    if (saga.stage === 'bid') await accept(ctx, saga);
    else await awaitAcceptance(ctx, saga, ctx.stepTimeoutMs);
  }
  if (saga.stage === 'assigned' || saga.stage === 'finishing') await finish(ctx, saga);
}

export type { SagaContext };
