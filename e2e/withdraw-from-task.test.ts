import { describe, expect, it } from 'vitest';
import { acceptBidAs, depositTo, eventually, gqlOk, placeBidAs, postTaskAs, signUpUser, type TestUser } from '@sx/testkit';
import { as, assignedTask, availableOf, dataOf, reasonOf, settledPayment, taskStep, viewTask, withdrawFrom } from './dispute-steps.js';

// The assignee withdraws from an ASSIGNED task (issue 17, item 3), through the gateway: the
// poster is refunded, the task takes bids again, the withdrawal counts on the tasker's profile.

const BIDS = 'query($id: ID!) { task(id: $id) { bids(first: 20) { edges { node { id status tasker { id } } } } } }';

async function bidStatuses(poster: TestUser, taskId: string): Promise<Record<string, string>> {
  const data = await gqlOk<{ task: { bids: { edges: { node: { id: string; status: string } }[] } } }>(BIDS, { id: taskId }, as(poster));
  return Object.fromEntries(data.task.bids.edges.map((e) => [e.node.id, e.node.status]));
}

const withdrawalCountOf = async (viewer: TestUser, userId: string) =>
  (await gqlOk<{ user: { withdrawalCount: number } }>('query($id: ID!) { user(id: $id) { withdrawalCount } }', { id: userId }, as(viewer))).user.withdrawalCount;

describe('withdrawFromTask, through the gateway', () => {
  it('refunds the poster, reopens the task, keeps rejected bids rejected, counts the withdrawal; a new tasker can then be paid', { timeout: 90_000 }, async () => {
    const [poster, tina, tom, ann] = await Promise.all([
      signUpUser({ roles: ['POSTER'] }),
      signUpUser({ roles: ['TASKER'] }),
      signUpUser({ roles: ['TASKER'] }),
      signUpUser({ roles: ['TASKER'] }),
    ]);
    await depositTo(poster, 6_000);
    const taskId = await postTaskAs(poster, { budget: 5_000 });
    const tinaBid = await placeBidAs(tina, taskId, 5_000);
    const tomBid = await placeBidAs(tom, taskId, 4_800);
    await acceptBidAs(poster, tinaBid);
    await eventually(() => bidStatuses(poster, taskId), (b) => b[tinaBid] === 'ACCEPTED' && b[tomBid] === 'REJECTED', { what: 'task assigned' });
    expect(await availableOf(poster)).toBe(1_000);

    // Only the assignee may withdraw.
    expect(reasonOf(await withdrawFrom(poster, taskId))).toBe('NOT_TASK_ASSIGNEE');
    expect(reasonOf(await withdrawFrom(tom, taskId))).toBe('NOT_TASK_ASSIGNEE');
    expect(dataOf(await withdrawFrom(tina, taskId)).withdrawFromTask).toEqual({ status: 'OPEN', assignee: null });
    expect(reasonOf(await withdrawFrom(tina, taskId))).toBe('NOT_TASK_ASSIGNEE');

    await eventually(() => availableOf(poster), (a) => a === 6_000, { what: 'poster refunded' });
    const bids = await eventually(() => bidStatuses(poster, taskId), (b) => b[tinaBid] === 'WITHDRAWN', { what: 'accepted bid withdrawn' });
    expect(bids[tomBid]).toBe('REJECTED');
    expect(await withdrawalCountOf(ann, tina.id)).toBe(1);
    expect(await withdrawalCountOf(ann, tom.id)).toBe(0);

    // The task takes bids again, and the new assignment is paid through its own escrow.
    const annBid = await placeBidAs(ann, taskId, 4_500);
    await acceptBidAs(poster, annBid);
    await eventually(() => viewTask(poster, taskId), (t) => t.status === 'ASSIGNED' && t.assignee?.id === ann.id, { what: 'task assigned again' });
    expect(await availableOf(poster)).toBe(1_500);
    dataOf(await taskStep(ann, 'markTaskDone', taskId));
    dataOf(await taskStep(poster, 'confirmTaskCompletion', taskId));
    const settled = await settledPayment(poster, taskId);
    expect(settled.payment).toMatchObject({ status: 'RELEASED', amount: { amount: 4_500 }, fee: { amount: 450 } });
    expect(await availableOf(ann)).toBe(4_050);
    expect(await availableOf(tina)).toBe(0);
    expect(await availableOf(poster)).toBe(1_500);
  });

  it('cannot withdraw once the work is marked done', async () => {
    const done = await assignedTask(1_000);
    dataOf(await taskStep(done.tasker, 'markTaskDone', done.taskId));
    expect(reasonOf(await withdrawFrom(done.tasker, done.taskId))).toBe('TASK_STATUS_CONFLICT');
  });

  it('a withdrawal racing the poster’s cancel: the escrow is refunded exactly once whichever goes first', { timeout: 90_000 }, async () => {
    for (let round = 0; round < 3; round++) {
      const { poster, tasker, taskId } = await assignedTask(2_000);
      const [w, c] = await Promise.all([withdrawFrom(tasker, taskId), taskStep(poster, 'cancelTask', taskId)]);
      // Cancel first: the task is no longer assigned, so there is nothing to withdraw from.
      // Withdrawal first: the task is OPEN again, and cancelling an open task is allowed.
      expect(c.errors).toBeUndefined();
      if (w.errors) expect(reasonOf(w)).toBe('TASK_STATUS_CONFLICT');
      const task = await settledPayment(poster, taskId);
      expect(task.status).toBe('CANCELLED');
      expect(task.payment?.status).toBe('REFUNDED');
      // One refund: the poster has the whole deposit back, not more.
      expect(await availableOf(poster)).toBe(2_000);
    }
  });
});
