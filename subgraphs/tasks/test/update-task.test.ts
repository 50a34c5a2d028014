import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCode } from '@sx/testkit';
import { cancelTaskRaw, dataOf, inDays, newPoster, postTask, readTask, updateTaskRaw } from './task-api.js';

describe('updateTask', () => {
  it('changes only the fields sent and moves updatedAt', async () => {
    const poster = newPoster();
    const task = await postTask(poster, { location: { lat: 48.8584, lng: 2.2945, address: 'Champ de Mars' }, dueAt: inDays(5) });
    const updated = dataOf(await updateTaskRaw(poster, task.id, { title: 'Assemble two wardrobes', budget: { amount: 15000, currency: 'EUR' } })).updateTask;
    expect(updated).toEqual({
      ...task,
      title: 'Assemble two wardrobes',
      budget: { amount: 15000, currency: 'EUR' },
      updatedAt: updated.updatedAt,
    });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(task.updatedAt));
    expect(await readTask(task.id, poster)).toEqual(updated);
  });

  it('makes a task remote and removes its deadline when they are set to null', async () => {
    const poster = newPoster();
    const task = await postTask(poster, { location: { lat: 40.7128, lng: -74.006 }, dueAt: inDays(2) });
    const updated = dataOf(await updateTaskRaw(poster, task.id, { location: null, dueAt: null })).updateTask;
    expect(updated.location).toBeNull();
    expect(updated.dueAt).toBeNull();
    expect(updated.title).toBe(task.title);
  });

  it('forbids editing another person’s task and leaves it unchanged', async () => {
    const task = await postTask(newPoster());
    const res = await updateTaskRaw(newPoster(), task.id, { title: 'Hijacked title' });
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toBe('Only the person who posted this task can edit it.');
    expect(await readTask(task.id)).toEqual(task);
  });

  it('refuses an anonymous caller with UNAUTHENTICATED and leaves the task unchanged', async () => {
    const task = await postTask(newPoster());
    const res = await updateTaskRaw({}, task.id, { title: 'Anonymous edit' });
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(await readTask(task.id)).toEqual(task);
  });

  it.each([
    ['a short title', { title: 'no' }],
    ['a removed title', { title: null }],
    ['a zero budget', { budget: { amount: 0, currency: 'EUR' } }],
    ['an unsupported currency', { budget: { amount: 100, currency: 'CHF' } }],
    ['a deadline in the past', { dueAt: inDays(-2) }],
    ['an out-of-range location', { location: { lat: 0, lng: -181 } }],
    ['an empty change', {}],
  ])('refuses %s with BAD_USER_INPUT and leaves the task unchanged', async (_name, input) => {
    const poster = newPoster();
    const task = await postTask(poster);
    const res = await updateTaskRaw(poster, task.id, input);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/\w+ .*\./);
    expect(await readTask(task.id)).toEqual(task);
  });

  it('answers NOT_FOUND for an unknown or malformed id', async () => {
    const poster = newPoster();
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const res = await updateTaskRaw(poster, id, { title: 'Whatever title' });
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(res.errors?.[0]?.message).toBe(`There is no task with id "${id}".`);
    }
  });

  it('refuses to edit a cancelled task with CONFLICT', async () => {
    const poster = newPoster();
    const task = await postTask(poster);
    const cancelled = dataOf(await cancelTaskRaw(poster, task.id)).cancelTask;
    const res = await updateTaskRaw(poster, task.id, { title: 'Too late to edit' });
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toBe('This task is cancelled; only open tasks can be edited.');
    expect(await readTask(task.id)).toEqual(cancelled);
  });

  it('applies concurrent edits of one task one after the other', async () => {
    const poster = newPoster();
    const task = await postTask(poster);
    const [a, b] = await Promise.all([
      updateTaskRaw(poster, task.id, { title: 'First concurrent edit' }),
      updateTaskRaw(poster, task.id, { description: 'Second concurrent edit' }),
    ]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(await readTask(task.id)).toMatchObject({ title: 'First concurrent edit', description: 'Second concurrent edit' });
  });
});

describe('cancelTask', () => {
  it('cancels the poster’s open task', async () => {
    const poster = newPoster();
    const task = await postTask(poster);
    const cancelled = dataOf(await cancelTaskRaw(poster, task.id)).cancelTask;
    expect(cancelled).toEqual({ ...task, status: 'CANCELLED', updatedAt: cancelled.updatedAt });
    expect(await readTask(task.id)).toEqual(cancelled);
  });

  it('forbids cancelling another person’s task and leaves it open', async () => {
    const task = await postTask(newPoster());
    const res = await cancelTaskRaw(newPoster(), task.id);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(await readTask(task.id)).toEqual(task);
  });

  it('refuses to cancel a task twice with CONFLICT', async () => {
    const poster = newPoster();
    const task = await postTask(poster);
    const cancelled = dataOf(await cancelTaskRaw(poster, task.id)).cancelTask;
    const res = await cancelTaskRaw(poster, task.id);
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toBe('This task is already cancelled.');
    expect(await readTask(task.id)).toEqual(cancelled);
  });

  it('answers NOT_FOUND for an unknown id and UNAUTHENTICATED for an anonymous caller', async () => {
    expect(errorCode(await cancelTaskRaw(newPoster(), randomUUID()))).toBe('NOT_FOUND');
    const task = await postTask(newPoster());
    expect(errorCode(await cancelTaskRaw({}, task.id))).toBe('UNAUTHENTICATED');
    expect(await readTask(task.id)).toEqual(task);
  });
});
