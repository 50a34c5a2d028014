import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { taskAssigned, taskDone, taskPosted } from '@sx/events';
import { createLogger } from '@sx/runtime';
import { acceptBidAs, depositTo, eventually, placeBidAs, signUpUser, gqlOk } from '@sx/testkit';
import { useEventPublisher, useStackDb } from '@sx/testkit/hooks';
import { sendReminders, type ReminderSettings } from '../src/commands/send-reminders.js';
import { feedOk, waitForKinds } from '../../../e2e/notifications-api.js';

// The reminders job: an ASSIGNED task due within 24 h reminds its assignee and poster, a DONE
// task 24 h before its auto-release warns the poster — each once per task and kind, also when
// two instances run the job at the same moment.

const db = useStackDb();
const stream = useEventPublisher();
const log = createLogger('reminders-test', 'silent');
const HOUR = 3_600_000;
const AUTO_RELEASE_MS = 7 * 24 * HOUR;
const settings: ReminderSettings = { db, emailLinks: null, autoReleaseAfterMs: AUTO_RELEASE_MS };

async function trackedStatus(taskId: string, status: string): Promise<void> {
  await eventually(
    async () => (await db.execute(sql`SELECT status FROM notifications.tracked_tasks WHERE task_id = ${taskId}`)).rows[0]?.status,
    (s) => s === status,
    { what: `task ${taskId} tracked as ${status}` },
  );
}

async function remindersOf(taskId: string): Promise<{ recipient_id: string; kind: string }[]> {
  const res = await db.execute(sql`SELECT recipient_id, kind FROM notifications.notifications WHERE task_id = ${taskId} AND kind IN ('TASK_DUE_SOON', 'AUTO_RELEASE_SOON') ORDER BY recipient_id`);
  return res.rows as { recipient_id: string; kind: string }[];
}

/** A task far in the future (the stack's own job, on real time, leaves it alone), assigned. */
async function assignedTask(dueAt: Date) {
  const ids = { taskId: randomUUID(), posterId: randomUUID(), assigneeId: randomUUID() };
  await stream.publish(taskPosted, { taskId: ids.taskId, posterId: ids.posterId, status: 'OPEN', budget: { amountMinor: 5_000, currency: 'USD' }, dueAt: dueAt.toISOString() });
  await stream.publish(taskAssigned, { ...ids, bidId: randomUUID(), paymentId: randomUUID() });
  await trackedStatus(ids.taskId, 'ASSIGNED');
  return ids;
}

describe('reminders', () => {
  it('reminds the assignee and the poster once of a task due within 24 hours, whatever runs race', async () => {
    const dueAt = new Date(Date.now() + 30 * 24 * HOUR);
    const task = await assignedTask(dueAt);
    expect(await sendReminders(settings, log, new Date(dueAt.getTime() - 30 * HOUR))).toBe(0);

    const at = new Date(dueAt.getTime() - 2 * HOUR);
    const runs = await Promise.all([sendReminders(settings, log, at), sendReminders(settings, log, at)]);
    expect(runs[0] + runs[1]).toBe(1);
    expect(await sendReminders(settings, log, new Date(at.getTime() + HOUR))).toBe(0);
    expect(await remindersOf(task.taskId)).toEqual(
      [task.assigneeId, task.posterId].sort().map((recipient_id) => ({ recipient_id, kind: 'TASK_DUE_SOON' })),
    );
    // Past due is not "due soon".
    expect(await sendReminders(settings, log, new Date(dueAt.getTime() + HOUR))).toBe(0);
  });

  it('warns the poster 24 hours before the auto-release of work marked done', async () => {
    const task = await assignedTask(new Date(Date.now() + 60 * 24 * HOUR));
    const doneAt = new Date(Date.now() + 40 * 24 * HOUR);
    await stream.publish(taskDone, { taskId: task.taskId, posterId: task.posterId, assigneeId: task.assigneeId }, { occurredAt: doneAt });
    await trackedStatus(task.taskId, 'DONE');
    expect(await sendReminders(settings, log, new Date(doneAt.getTime() + AUTO_RELEASE_MS - 25 * HOUR))).toBe(0);
    expect(await sendReminders(settings, log, new Date(doneAt.getTime() + AUTO_RELEASE_MS - 3 * HOUR))).toBe(1);
    expect(await remindersOf(task.taskId)).toEqual([{ recipient_id: task.posterId, kind: 'AUTO_RELEASE_SOON' }]);
  });

  it('runs in the notifications service: a task due in two hours reminds both parties in their feeds', async () => {
    const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
    await depositTo(poster, 10_000);
    const dueAt = new Date(Date.now() + 2 * HOUR).toISOString();
    const { postTask } = await gqlOk<{ postTask: { id: string } }>(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      { input: { title: 'Water the plants', category: 'HANDYMAN', budget: { amount: 3_000, currency: 'USD' }, dueAt } },
      { token: poster.accessToken },
    );
    await acceptBidAs(poster, await placeBidAs(tasker, postTask.id, 2_500));
    await waitForKinds(tasker, ['BID_ACCEPTED', 'PAYMENT_HELD', 'TASK_DUE_SOON']);
    await waitForKinds(poster, ['BID_RECEIVED', 'TASK_ASSIGNED', 'PAYMENT_HELD', 'TASK_DUE_SOON']);
    const feed = await feedOk(tasker);
    expect(feed.notifications.edges.find((e) => e.node.kind === 'TASK_DUE_SOON')?.node).toMatchObject({ title: 'A task of yours is due soon', task: { id: postTask.id } });
  });
});
