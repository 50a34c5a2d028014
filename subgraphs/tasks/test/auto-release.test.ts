import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '@sx/runtime';
import { acceptBidAs, depositTo, eventually, gql, placeBidAs, postTaskAs, signUpUser, type TestUser } from '@sx/testkit';
import { runAutoRelease, startAutoRelease } from '../src/jobs/auto-release.js';
import { dataOf, markTaskDoneRaw, newPoster, newTasker, readTask, type ApiTask } from './task-api.js';
import { assignedTask, backdateDone, closeSagaSupport, outboxOf, tasksDb, waitForStatus } from './saga-support.js';

afterAll(closeSagaSupport);

const DAY_MS = 24 * 60 * 60 * 1000;
const log = createLogger('auto-release-test', 'silent');

/** A task the assignee marked done `daysAgo` days ago. */
async function doneDaysAgo(daysAgo: number): Promise<ApiTask> {
  const tasker = newTasker();
  const { task } = await assignedTask(newPoster(), tasker);
  dataOf(await markTaskDoneRaw(tasker, task.id));
  if (daysAgo > 0) await backdateDone([task.id], daysAgo * DAY_MS);
  return (await readTask(task.id)) as ApiTask;
}

async function completedEventsOf(taskId: string) {
  return (await outboxOf(taskId)).filter((e) => e.type === 'tasks.task.completed');
}

// The delays here (2–4 days) stay below the running service's own 7 days, so its job leaves these
// tasks to the test; and tasks that other test files mark done just now are never due.
describe('auto-release', () => {
  it('completes each due task exactly once when two runs race, and leaves recent ones DONE', async () => {
    const due = await Promise.all([3, 3, 3, 4, 4].map(doneDaysAgo));
    const recent = await doneDaysAgo(0);

    // Batches of 2: the runs take turns through SKIP LOCKED instead of waiting on each other.
    const opts = { db: tasksDb(), log, delayMs: 2 * DAY_MS, batchSize: 2 };
    const [a, b] = await Promise.all([runAutoRelease(opts), runAutoRelease(opts)]);
    expect(a + b).toBe(due.length);

    for (const task of due) {
      const now = await readTask(task.id);
      expect(now).toEqual({ ...task, status: 'COMPLETED', completedAt: now?.completedAt, updatedAt: now?.updatedAt });
      expect(await completedEventsOf(task.id)).toEqual([
        {
          type: 'tasks.task.completed',
          actor: { kind: 'system', id: null },
          data: { taskId: task.id, posterId: task.poster.id, assigneeId: task.assignee?.id, completedBy: 'AUTO_RELEASE' },
        },
      ]);
    }
    expect(await readTask(recent.id)).toEqual(recent);
    expect(await completedEventsOf(recent.id)).toEqual([]);

    // A third run finds nothing left to do.
    expect(await runAutoRelease(opts)).toBe(0);
    for (const task of due) expect(await completedEventsOf(task.id)).toHaveLength(1);
  });

  it('runs on its interval once started and stops cleanly', async () => {
    const task = await doneDaysAgo(3);
    const job = startAutoRelease({ db: tasksDb(), log, intervalMs: 100, delayMs: 2 * DAY_MS, batchSize: 10 });
    try {
      await eventually(() => readTask(task.id), (t) => t?.status === 'COMPLETED', { what: 'auto-released' });
    } finally {
      await job.stop();
    }
    expect(await completedEventsOf(task.id)).toHaveLength(1);
  });

  it('judges due tasks by the tasks clock: one 20 s ahead releases 20 s early, one 20 s behind 20 s late', async () => {
    // done_at is the database's time; the cutoff is the process clock's (CLOCK_OFFSET_MS shifts it).
    const almost = await doneDaysAgo(0);
    await backdateDone([almost.id], 2 * DAY_MS - 10_000);
    const just = await doneDaysAgo(0);
    await backdateDone([just.id], 2 * DAY_MS + 10_000);
    const opts = { db: tasksDb(), log, delayMs: 2 * DAY_MS, batchSize: 50 };
    const status = async (id: string) => (await readTask(id))?.status;
    const withClockOffset = async (offset: string, run: () => Promise<unknown>) => {
      process.env.CLOCK_OFFSET_MS = offset;
      try {
        await run();
      } finally {
        delete process.env.CLOCK_OFFSET_MS;
      }
    };

    await withClockOffset('-20000', () => runAutoRelease(opts));
    expect([await status(almost.id), await status(just.id)]).toEqual(['DONE', 'DONE']);
    await runAutoRelease(opts);
    expect([await status(almost.id), await status(just.id)]).toEqual(['DONE', 'COMPLETED']);
    await withClockOffset('20000', () => runAutoRelease(opts));
    expect(await status(almost.id)).toBe('COMPLETED');
  });
});

// Issue 17: an open dispute freezes the escrow. The job and a party's openDispute (through the
// gateway, on a task paid through the real wallet) race for one due task: the task's row lock
// and the status compare-and-set let exactly one through.
describe('auto-release against a dispute', () => {
  async function dueTaskThroughWallet(): Promise<{ poster: TestUser; taskId: string }> {
    const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
    await depositTo(poster, 2_000);
    const taskId = await postTaskAs(poster, { budget: 2_000 });
    await acceptBidAs(poster, await placeBidAs(tasker, taskId, 2_000));
    await waitForStatus(taskId, 'ASSIGNED');
    dataOf(await markTaskDoneRaw({ userId: tasker.id, roles: ['TASKER'] }, taskId));
    await backdateDone([taskId], 3 * DAY_MS);
    return { poster, taskId };
  }

  it('exactly one of them wins, and the money follows the winner', async () => {
    const opts = { db: tasksDb(), log, delayMs: 2 * DAY_MS, batchSize: 50 };
    for (let round = 0; round < 3; round++) {
      const { poster, taskId } = await dueTaskThroughWallet();
      const [released, dispute] = await Promise.all([
        runAutoRelease(opts),
        gql(`mutation($input: OpenDisputeInput!) { openDispute(input: $input) { id } }`, { input: { taskId, reason: 'POOR_QUALITY', details: '' } }, { token: poster.accessToken }),
      ]);
      const events = (await outboxOf(taskId)).map((e) => e.type);
      if (dispute.errors) {
        expect(dispute.errors[0]?.extensions?.reason).toBe('TASK_NOT_DISPUTABLE');
        expect(released).toBeGreaterThanOrEqual(1);
        expect((await readTask(taskId))?.status).toBe('COMPLETED');
        expect(events.filter((t) => t === 'tasks.dispute.opened')).toEqual([]);
      } else {
        expect((await readTask(taskId))?.status).toBe('DISPUTED');
        expect(events.filter((t) => t === 'tasks.task.completed')).toEqual([]);
        // A later run leaves the disputed task alone.
        await runAutoRelease(opts);
        expect((await readTask(taskId))?.status).toBe('DISPUTED');
      }
    }
  });
});
