import { randomUUID } from 'node:crypto';
import { signAccessToken } from '@sx/runtime';
import { acceptBidAs, depositTo, eventually, gql, gqlOk, type GraphQLResponse, placeBidAs, postTaskAs, signUpUser, stackInfo, type TestUser } from '@sx/testkit';

// Disputes and withdrawal (issue 17) as end-to-end tests take them, through the gateway only.

export const as = (user: TestUser) => ({ token: user.accessToken });

export interface PaymentView {
  id: string;
  status: string;
  amount: { amount: number };
  fee: { amount: number } | null;
  refund: { amount: number } | null;
}
export interface DisputeView {
  id: string;
  status: string;
  reason: string;
  details: string;
  openedBy: { id: string };
  refundAmount: { amount: number; currency: string } | null;
  releaseAmount: { amount: number; currency: string } | null;
  resolvedAt: string | null;
  messages: { edges: { node: { text: string; author: { id: string } } }[] };
}
export interface TaskView {
  id: string;
  status: string;
  assignee: { id: string } | null;
  payment: PaymentView | null;
  dispute: DisputeView | null;
}

export const DISPUTE = 'id status reason details openedBy { id } refundAmount { amount currency } releaseAmount { amount currency } resolvedAt messages(first: 50) { edges { node { text author { id } } } }';
const TASK = `query($id: ID!) { task(id: $id) { id status assignee { id } payment { id status amount { amount } fee { amount } refund { amount } } dispute { ${DISPUTE} } } }`;

export async function viewTask(user: TestUser, taskId: string): Promise<TaskView> {
  const data = await gqlOk<{ task: TaskView | null }>(TASK, { id: taskId }, as(user));
  if (!data.task) throw new Error(`task ${taskId} not found`);
  return data.task;
}

export async function availableOf(user: TestUser): Promise<number> {
  const data = await gqlOk<{ me: { wallet: { available: { amount: number } } | null } }>(`{ me { wallet(currency: "USD") { available { amount } } } }`, {}, as(user));
  return data.me.wallet?.available.amount ?? 0;
}

/** The same user with the ADMIN role: a token signed with the run's own key (there is no admin sign-up). */
export async function adminUser(): Promise<TestUser> {
  const user = await signUpUser({ roles: ['POSTER'], name: 'Ada Admin' });
  return { ...user, accessToken: await signAccessToken({ userId: user.id, roles: ['ADMIN'] }, stackInfo().secrets.jwtSecret) };
}

export interface AssignedTask {
  poster: TestUser;
  tasker: TestUser;
  taskId: string;
  bidId: string;
}

/** A poster with `deposit` cents, a task assigned to a tasker's bid of `amount` (escrow held). */
export async function assignedTask(amount: number, deposit = amount): Promise<AssignedTask> {
  const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
  await depositTo(poster, deposit);
  const taskId = await postTaskAs(poster, { budget: amount });
  const bidId = await placeBidAs(tasker, taskId, amount);
  await acceptBidAs(poster, bidId);
  await eventually(() => viewTask(poster, taskId), (t) => t.status === 'ASSIGNED', { what: 'task assigned' });
  return { poster, tasker, taskId, bidId };
}

export function taskStep(user: TestUser, name: 'markTaskDone' | 'confirmTaskCompletion' | 'cancelTask', taskId: string) {
  return gql<Record<string, { status: string }>>(`mutation($id: ID!) { ${name}(id: $id) { status } }`, { id: taskId }, as(user));
}

export function withdrawFrom(user: TestUser, taskId: string) {
  return gql<{ withdrawFromTask: { status: string; assignee: { id: string } | null } }>(
    `mutation($id: ID!) { withdrawFromTask(taskId: $id) { status assignee { id } } }`,
    { id: taskId },
    as(user),
  );
}

export function openDisputeAs(user: TestUser, taskId: string, reason = 'POOR_QUALITY', details = 'The shelves are crooked.') {
  return gql<{ openDispute: DisputeView }>(`mutation($input: OpenDisputeInput!) { openDispute(input: $input) { ${DISPUTE} } }`, { input: { taskId, reason, details } }, as(user));
}

export function addMessageAs(user: TestUser, disputeId: string, text: string) {
  return gql<{ addDisputeMessage: { text: string } }>(`mutation($input: AddDisputeMessageInput!) { addDisputeMessage(input: $input) { text } }`, { input: { disputeId, text } }, as(user));
}

export type Decision = { refund: number; release: number } | 'dismiss';

export function resolveAs(user: TestUser, disputeId: string, decision: Decision) {
  const input =
    decision === 'dismiss'
      ? { disputeId, dismiss: true }
      : { disputeId, refundAmount: { amount: decision.refund, currency: 'USD' }, releaseAmount: { amount: decision.release, currency: 'USD' } };
  return gql<{ resolveDispute: DisputeView }>(`mutation($input: ResolveDisputeInput!) { resolveDispute(input: $input) { ${DISPUTE} } }`, { input }, as(user));
}

export function dataOf<T>(res: GraphQLResponse<T>): T {
  if (res.errors || !res.data) throw new Error(`request failed: ${JSON.stringify(res.errors)}`);
  return res.data;
}

export const reasonOf = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.reason;

/** Waits until wallet settled the task's payment (not HELD any more). */
export function settledPayment(user: TestUser, taskId: string): Promise<TaskView> {
  return eventually(() => viewTask(user, taskId), (t) => t.payment !== null && t.payment.status !== 'HELD', { what: 'payment settled' });
}

export const newKey = () => randomUUID();
