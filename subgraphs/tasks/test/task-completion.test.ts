import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { errorCode, type GraphQLResponse } from '@sx/testkit';
import { cancelTaskRaw, confirmTaskCompletionRaw, dataOf, markTaskDoneRaw, newPoster, newTasker, postTask, readTask, type ApiTask } from './task-api.js';
import { assignedTask, closeSagaSupport, eventTypesOf, outboxOf } from './saga-support.js';

afterAll(closeSagaSupport);

/** Asserts the refusal, and that neither the task nor its events changed. */
async function expectRefused(res: GraphQLResponse<unknown>, code: string, before: ApiTask, message?: string): Promise<void> {
  expect(errorCode(res)).toBe(code);
  if (message) expect(res.errors?.[0]?.message).toBe(message);
  expect(res.data ?? null).toBeNull();
  expect(await readTask(before.id)).toEqual(before);
}

async function doneTask() {
  const poster = newPoster();
  const tasker = newTasker();
  const { task } = await assignedTask(poster, tasker);
  const done = dataOf(await markTaskDoneRaw(tasker, task.id)).markTaskDone;
  return { poster, tasker, task: done };
}

describe('markTaskDone', () => {
  it('lets the assignee mark an assigned task done, stamping doneAt and announcing it', async () => {
    const poster = newPoster();
    const tasker = newTasker();
    const { task } = await assignedTask(poster, tasker);
    const done = dataOf(await markTaskDoneRaw(tasker, task.id)).markTaskDone;

    expect(done).toEqual({ ...task, status: 'DONE', doneAt: done.doneAt, updatedAt: done.updatedAt });
    expect(Date.parse(done.doneAt ?? '')).toBeGreaterThanOrEqual(Date.parse(task.updatedAt));
    expect(await readTask(task.id)).toEqual(done);
    const events = await outboxOf(task.id);
    expect(events.at(-1)).toEqual({
      type: 'tasks.task.done',
      actor: { kind: 'user', id: tasker.userId },
      data: { taskId: task.id, posterId: poster.userId, assigneeId: tasker.userId },
    });
  });

  it('forbids the poster and strangers, and changes nothing', async () => {
    const poster = newPoster();
    const { task } = await assignedTask(poster, newTasker());
    for (const caller of [poster, newTasker()]) {
      await expectRefused(await markTaskDoneRaw(caller, task.id), 'FORBIDDEN', task, 'Only the tasker this task is assigned to can mark it done.');
    }
    expect(await eventTypesOf(task.id)).toEqual(['tasks.task.posted', 'tasks.task.assigned']);
  });

  it('refuses an open task (nobody is assigned), an anonymous caller and an unknown id', async () => {
    const open = await postTask(newPoster());
    await expectRefused(await markTaskDoneRaw(newTasker(), open.id), 'FORBIDDEN', open);
    const { task, held } = await assignedTask(newPoster(), newTasker());
    await expectRefused(await markTaskDoneRaw({}, task.id), 'UNAUTHENTICATED', task);
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const res = await markTaskDoneRaw({ userId: held.payeeId, roles: ['TASKER'] }, id);
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(res.errors?.[0]?.message).toBe(`There is no task with id "${id}".`);
    }
  });

  it('refuses to mark a task done twice with CONFLICT', async () => {
    const { tasker, task } = await doneTask();
    await expectRefused(await markTaskDoneRaw(tasker, task.id), 'CONFLICT', task, 'This task is already marked done.');
    expect(await eventTypesOf(task.id)).toEqual(['tasks.task.posted', 'tasks.task.assigned', 'tasks.task.done']);
  });
});

describe('confirmTaskCompletion', () => {
  it('lets the poster confirm a done task, stamping completedAt and announcing it for the release', async () => {
    const { poster, tasker, task } = await doneTask();
    const completed = dataOf(await confirmTaskCompletionRaw(poster, task.id)).confirmTaskCompletion;

    expect(completed).toEqual({ ...task, status: 'COMPLETED', completedAt: completed.completedAt, updatedAt: completed.updatedAt });
    expect(Date.parse(completed.completedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(task.doneAt ?? ''));
    expect(await readTask(task.id)).toEqual(completed);
    expect((await outboxOf(task.id)).at(-1)).toEqual({
      type: 'tasks.task.completed',
      actor: { kind: 'user', id: poster.userId },
      data: { taskId: task.id, posterId: poster.userId, assigneeId: tasker.userId, completedBy: 'POSTER' },
    });
  });

  it('forbids anyone but the poster, the assignee included, and changes nothing', async () => {
    const { tasker, task } = await doneTask();
    for (const caller of [tasker, newPoster()]) {
      await expectRefused(
        await confirmTaskCompletionRaw(caller, task.id),
        'FORBIDDEN',
        task,
        'Only the person who posted this task can confirm its completion.',
      );
    }
    await expectRefused(await confirmTaskCompletionRaw({}, task.id), 'UNAUTHENTICATED', task);
    expect(errorCode(await confirmTaskCompletionRaw(newPoster(), randomUUID()))).toBe('NOT_FOUND');
    expect(await eventTypesOf(task.id)).toEqual(['tasks.task.posted', 'tasks.task.assigned', 'tasks.task.done']);
  });

  it('asks the poster to wait while the work is not marked done yet', async () => {
    const poster = newPoster();
    const { task } = await assignedTask(poster, newTasker());
    await expectRefused(
      await confirmTaskCompletionRaw(poster, task.id),
      'CONFLICT',
      task,
      'The tasker has not marked this task done yet; it can be confirmed once they have.',
    );
  });

  it('completes a task once: a second confirmation is a CONFLICT with no second event', async () => {
    const { poster, task } = await doneTask();
    const completed = dataOf(await confirmTaskCompletionRaw(poster, task.id)).confirmTaskCompletion;
    await expectRefused(await confirmTaskCompletionRaw(poster, task.id), 'CONFLICT', completed, 'This task is already completed.');
    expect((await eventTypesOf(task.id)).filter((t) => t === 'tasks.task.completed')).toHaveLength(1);
  });
});

describe('cancelTask in the payment saga', () => {
  it('cancels an assigned task and tells wallet, through previousStatus ASSIGNED, to refund', async () => {
    const poster = newPoster();
    const tasker = newTasker();
    const { task } = await assignedTask(poster, tasker);
    const cancelled = dataOf(await cancelTaskRaw(poster, task.id)).cancelTask;

    expect(cancelled).toEqual({ ...task, status: 'CANCELLED', updatedAt: cancelled.updatedAt });
    expect((await outboxOf(task.id)).at(-1)).toEqual({
      type: 'tasks.task.cancelled',
      actor: { kind: 'user', id: poster.userId },
      data: { taskId: task.id, posterId: poster.userId, previousStatus: 'ASSIGNED' },
    });
    await expectRefused(await markTaskDoneRaw(tasker, task.id), 'CONFLICT', cancelled, 'This task is cancelled, so it cannot be marked done.');
  });

  it('forbids the assignee to cancel the task', async () => {
    const tasker = newTasker();
    const { task } = await assignedTask(newPoster(), tasker);
    await expectRefused(await cancelTaskRaw(tasker, task.id), 'FORBIDDEN', task);
  });

  it('refuses to cancel a done or completed task with CONFLICT, leaving it and its events as they were', async () => {
    const { poster, task } = await doneTask();
    await expectRefused(
      await cancelTaskRaw(poster, task.id),
      'CONFLICT',
      task,
      'The tasker has marked this task done, so it can no longer be cancelled; confirm its completion, or open a dispute (openDispute) if the work is not right.',
    );
    const completed = dataOf(await confirmTaskCompletionRaw(poster, task.id)).confirmTaskCompletion;
    await expectRefused(await cancelTaskRaw(poster, task.id), 'CONFLICT', completed, 'This task is completed, so it cannot be cancelled.');
    expect(await eventTypesOf(task.id)).toEqual(['tasks.task.posted', 'tasks.task.assigned', 'tasks.task.done', 'tasks.task.completed']);
  });

  it('lets exactly one of a racing cancel and markTaskDone win', async () => {
    const poster = newPoster();
    const tasker = newTasker();
    const { task } = await assignedTask(poster, tasker);
    const [cancel, done] = await Promise.all([cancelTaskRaw(poster, task.id), markTaskDoneRaw(tasker, task.id)]);

    const winners = [cancel, done].filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(errorCode(cancel.errors ? cancel : done)).toBe('CONFLICT');
    const final = await readTask(task.id);
    expect(final?.status).toBe(cancel.errors ? 'DONE' : 'CANCELLED');
    expect(await eventTypesOf(task.id)).toEqual(['tasks.task.posted', 'tasks.task.assigned', cancel.errors ? 'tasks.task.done' : 'tasks.task.cancelled']);
  });
});
