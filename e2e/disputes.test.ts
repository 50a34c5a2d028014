import { describe, expect, it } from 'vitest';
import { eventually, gql, signUpUser, type TestUser } from '@sx/testkit';
import {
  addMessageAs,
  adminUser,
  assignedTask,
  availableOf,
  dataOf,
  openDisputeAs,
  reasonOf,
  resolveAs,
  settledPayment,
  taskStep,
  viewTask,
} from './dispute-steps.js';

// Disputes (issue 17, item 1) end to end through the gateway: tasks owns the dispute and the
// task's status, wallet freezes and splits the escrow on tasks' events.

const LEAVE_REVIEW = 'mutation($input: LeaveReviewInput!) { leaveReview(input: $input) { id rating } }';
const leaveReviewAs = (user: TestUser, taskId: string, rating: number) => gql<{ leaveReview: { id: string; rating: number } }>(LEAVE_REVIEW, { input: { taskId, rating } }, { token: user.accessToken });

describe('disputes, through the gateway', () => {
  it('freezes a DONE task, lets both sides talk, and splits the escrow as the admin decides (fee on the released part only)', { timeout: 90_000 }, async () => {
    const { poster, tasker, taskId } = await assignedTask(7_005, 10_000);
    const [admin, stranger] = await Promise.all([adminUser(), signUpUser()]);
    dataOf(await taskStep(tasker, 'markTaskDone', taskId));

    const opened = dataOf(await openDisputeAs(poster, taskId, 'POOR_QUALITY', '  The shelves are crooked.  ')).openDispute;
    expect(opened).toMatchObject({ status: 'OPEN', reason: 'POOR_QUALITY', details: 'The shelves are crooked.', openedBy: { id: poster.id }, refundAmount: null });
    expect((await viewTask(poster, taskId)).status).toBe('DISPUTED');

    // Frozen: no confirmation, no cancellation, no second dispute.
    expect(reasonOf(await taskStep(poster, 'confirmTaskCompletion', taskId))).toBe('TASK_DISPUTED');
    expect(reasonOf(await taskStep(poster, 'cancelTask', taskId))).toBe('TASK_DISPUTED');
    expect(reasonOf(await openDisputeAs(tasker, taskId))).toBe('TASK_DISPUTED');

    dataOf(await addMessageAs(tasker, opened.id, 'They were level when I left.'));
    dataOf(await addMessageAs(poster, opened.id, 'Photo attached.'));
    dataOf(await addMessageAs(admin, opened.id, 'Looking into it.'));
    expect(reasonOf(await addMessageAs(stranger, opened.id, 'Let me in'))).toBe('NOT_TASK_PARTY');
    expect(reasonOf(await addMessageAs(poster, opened.id, '   '))).toBe('INVALID_INPUT');
    // Only the parties (and admins) see the dispute.
    expect((await viewTask(stranger, taskId)).dispute).toBeNull();
    expect((await viewTask(tasker, taskId)).dispute?.messages.edges.map((e) => [e.node.author.id, e.node.text])).toEqual([
      [tasker.id, 'They were level when I left.'],
      [poster.id, 'Photo attached.'],
      [admin.id, 'Looking into it.'],
    ]);

    // Only admins decide, and the split must add up to the held amount.
    expect(reasonOf(await resolveAs(poster, opened.id, { refund: 7_005, release: 0 }))).toBe('ROLE_REQUIRED');
    expect(reasonOf(await resolveAs(admin, opened.id, { refund: 3_000, release: 4_000 }))).toBe('DISPUTE_SPLIT_MISMATCH');
    // The payment stays frozen while the dispute is open.
    expect((await viewTask(poster, taskId)).payment?.status).toBe('HELD');

    const resolved = dataOf(await resolveAs(admin, opened.id, { refund: 3_000, release: 4_005 })).resolveDispute;
    expect(resolved).toMatchObject({ status: 'RESOLVED', refundAmount: { amount: 3_000, currency: 'USD' }, releaseAmount: { amount: 4_005, currency: 'USD' } });
    expect(resolved.resolvedAt).not.toBeNull();
    expect(reasonOf(await resolveAs(admin, opened.id, 'dismiss'))).toBe('DISPUTE_CLOSED');
    expect(reasonOf(await addMessageAs(poster, opened.id, 'One more thing'))).toBe('DISPUTE_CLOSED');

    const settled = await settledPayment(poster, taskId);
    expect(settled.status).toBe('COMPLETED');
    // 10 % of the released 40.05 is 4.005, rounded half up to 4.01; nothing is charged on the refund.
    expect(settled.payment).toMatchObject({ status: 'SPLIT', amount: { amount: 7_005 }, fee: { amount: 401 }, refund: { amount: 3_000 } });
    expect(await availableOf(poster)).toBe(10_000 - 7_005 + 3_000);
    expect(await availableOf(tasker)).toBe(4_005 - 401);

    // The split paid the tasker, so the task is completed: both sides may now review each other.
    const review = await eventually(() => leaveReviewAs(poster, taskId, 3), (r) => r.errors?.[0]?.extensions?.retryable !== true, { what: 'reviews to open after the split' });
    expect(review.errors).toBeUndefined();
    expect(review.data?.leaveReview.rating).toBe(3);
    expect(dataOf(await leaveReviewAs(tasker, taskId, 4)).leaveReview.rating).toBe(4);
  });

  it('dismissing sends the task back where it was and unfreezes the escrow; the usual path then releases it', async () => {
    const { poster, tasker, taskId } = await assignedTask(5_000);
    const admin = await adminUser();
    const opened = dataOf(await openDisputeAs(tasker, taskId, 'NOT_AS_DESCRIBED', 'The wardrobe is three wardrobes.')).openDispute;
    expect(opened.openedBy.id).toBe(tasker.id);
    expect(reasonOf(await taskStep(tasker, 'markTaskDone', taskId))).toBe('TASK_DISPUTED');

    expect(dataOf(await resolveAs(admin, opened.id, 'dismiss')).resolveDispute).toMatchObject({ status: 'DISMISSED', refundAmount: null, releaseAmount: null });
    expect((await viewTask(poster, taskId)).status).toBe('ASSIGNED');

    dataOf(await taskStep(tasker, 'markTaskDone', taskId));
    dataOf(await taskStep(poster, 'confirmTaskCompletion', taskId));
    const settled = await settledPayment(poster, taskId);
    expect(settled.payment).toMatchObject({ status: 'RELEASED', fee: { amount: 500 }, refund: null });
    expect(settled.dispute?.status).toBe('DISMISSED');
    expect(await availableOf(tasker)).toBe(4_500);
  });

  it('an admin may refund everything: the task ends CANCELLED and no fee is taken', async () => {
    const { poster, tasker, taskId } = await assignedTask(2_500);
    const admin = await adminUser();
    const opened = dataOf(await openDisputeAs(poster, taskId, 'NO_SHOW', '')).openDispute;
    dataOf(await resolveAs(admin, opened.id, { refund: 2_500, release: 0 }));
    const settled = await settledPayment(poster, taskId);
    expect(settled.status).toBe('CANCELLED');
    expect(settled.payment).toMatchObject({ status: 'REFUNDED', fee: null });
    expect(await availableOf(poster)).toBe(2_500);
    expect(await availableOf(tasker)).toBe(0);
  });

  it('refuses disputes from strangers and on tasks that are not assigned or done', async () => {
    const { poster, tasker, taskId } = await assignedTask(1_000);
    const stranger = await signUpUser();
    expect(reasonOf(await openDisputeAs(stranger, taskId))).toBe('NOT_TASK_PARTY');
    dataOf(await taskStep(tasker, 'markTaskDone', taskId));
    dataOf(await taskStep(poster, 'confirmTaskCompletion', taskId));
    expect(reasonOf(await openDisputeAs(poster, taskId))).toBe('TASK_NOT_DISPUTABLE');
    await settledPayment(poster, taskId);
  });

  it('once DONE the poster cannot cancel, and the refusal points to openDispute', async () => {
    const { poster, tasker, taskId } = await assignedTask(1_000);
    dataOf(await taskStep(tasker, 'markTaskDone', taskId));
    const res = await taskStep(poster, 'cancelTask', taskId);
    expect(reasonOf(res)).toBe('TASK_ALREADY_DONE');
    expect(res.errors?.[0]?.message).toMatch(/openDispute/);
  });
});

describe('dispute races, through the gateway: exactly one wins', () => {
  it('openDispute against confirmTaskCompletion on a DONE task', { timeout: 90_000 }, async () => {
    for (let round = 0; round < 3; round++) {
      const { poster, tasker, taskId } = await assignedTask(3_000);
      dataOf(await taskStep(tasker, 'markTaskDone', taskId));
      const [dispute, confirm] = await Promise.all([openDisputeAs(tasker, taskId), taskStep(poster, 'confirmTaskCompletion', taskId)]);
      const won = [!dispute.errors, !confirm.errors];
      expect(won.filter(Boolean)).toHaveLength(1);
      const task = await viewTask(poster, taskId);
      if (won[0]) {
        expect(reasonOf(confirm)).toBe('TASK_DISPUTED');
        expect(task.status).toBe('DISPUTED');
        expect(task.payment?.status).toBe('HELD');
      } else {
        expect(reasonOf(dispute)).toBe('TASK_NOT_DISPUTABLE');
        expect((await settledPayment(poster, taskId)).payment?.status).toBe('RELEASED');
      }
    }
  });

  it('two admins deciding at once, and a cancel racing the decision', async () => {
    const { poster, taskId } = await assignedTask(4_000);
    const [alice, bob] = await Promise.all([adminUser(), adminUser()]);
    const opened = dataOf(await openDisputeAs(poster, taskId)).openDispute;
    const [a, b, cancel] = await Promise.all([
      resolveAs(alice, opened.id, { refund: 1_000, release: 3_000 }),
      resolveAs(bob, opened.id, { refund: 4_000, release: 0 }),
      taskStep(poster, 'cancelTask', taskId),
    ]);
    const results = [a, b, cancel];
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    const settled = await settledPayment(poster, taskId);
    if (!a.errors) expect(settled.payment).toMatchObject({ status: 'SPLIT', refund: { amount: 1_000 }, fee: { amount: 300 } });
    if (!b.errors) expect(settled.payment).toMatchObject({ status: 'REFUNDED' });
    // A cancel can only win before the dispute... which was already open: it never wins here.
    expect(cancel.errors).toBeDefined();
    // Exactly one resolution of the held money: the poster's and the tasker's wallets show it.
    const posterMoney = await availableOf(poster);
    expect([1_000, 4_000]).toContain(posterMoney);
  });
});
