import { describe, expect, it } from 'vitest';
import { errorCode } from '@sx/testkit';
import { inDays, listTaskIds, newPoster, postTask, postTaskRaw, readTask, taskInput } from './task-api.js';

describe('postTask', () => {
  it('posts an OPEN task with the caller as poster and reads it back', async () => {
    const poster = newPoster();
    const dueAt = inDays(3);
    const task = await postTask(poster, {
      title: '  Mow the lawn  ',
      category: 'GARDENING',
      budget: { amount: 4500, currency: 'gbp' },
      location: { lat: 51.5014, lng: -0.1419, address: 'Buckingham Palace Road, London' },
      dueAt,
    });
    expect(task).toMatchObject({
      title: 'Mow the lawn',
      category: 'GARDENING',
      budget: { amount: 4500, currency: 'GBP' },
      location: { lat: 51.5014, lng: -0.1419, address: 'Buckingham Palace Road, London' },
      dueAt,
      status: 'OPEN',
      poster: { id: poster.userId },
      assignee: null,
    });
    expect(task.createdAt).toBe(task.updatedAt);
    expect(await readTask(task.id, poster)).toEqual(task);
  });

  it('posts a remote task when no location is given', async () => {
    const task = await postTask(newPoster(), { description: undefined });
    expect(task.location).toBeNull();
    expect(task.dueAt).toBeNull();
    expect(task.description).toBe('');
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    const res = await postTaskRaw({}, taskInput());
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toContain('Sign in');
  });

  it('refuses a caller without the POSTER role with FORBIDDEN and stores nothing', async () => {
    const tasker = { ...newPoster(), roles: ['TASKER' as const] };
    const res = await postTaskRaw(tasker, taskInput());
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toBe('Only users with the POSTER role can do this.');
    expect(await listTaskIds({ posterId: tasker.userId })).toEqual([]);
  });

  it.each([
    ['a title under 3 characters', { title: 'ab' }, 'title must be 3 to 120 characters long'],
    ['a title over 120 characters', { title: 't'.repeat(121) }, 'title must be 3 to 120 characters long'],
    ['a description over 5000 characters', { description: 'd'.repeat(5001) }, 'description may be at most 5000'],
    ['a zero budget', { budget: { amount: 0, currency: 'USD' } }, 'budget.amount must be greater than zero'],
    ['a negative budget', { budget: { amount: -100, currency: 'USD' } }, 'budget.amount must be greater than zero'],
    ['an unsupported currency', { budget: { amount: 100, currency: 'JPY' } }, 'budget.currency "JPY" is not supported'],
    ['a deadline in the past', { dueAt: inDays(-1) }, 'dueAt must be in the future'],
    ['a latitude out of range', { location: { lat: 95, lng: 10 } }, 'location.lat must be between -90 and 90'],
    ['a longitude out of range', { location: { lat: 10, lng: 200 } }, 'location.lng must be between -180 and 180'],
  ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_name, change, message) => {
    const poster = newPoster();
    const res = await postTaskRaw(poster, taskInput(change));
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(message);
    expect(res.data).toBeNull();
    expect(await listTaskIds({ posterId: poster.userId })).toEqual([]);
  });

  it('refuses a fractional budget at the schema with BAD_USER_INPUT and stores nothing', async () => {
    const poster = newPoster();
    const res = await postTaskRaw(poster, taskInput({ budget: { amount: 10.5, currency: 'USD' } }));
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(await listTaskIds({ posterId: poster.userId })).toEqual([]);
  });

  it('refuses an unknown category with BAD_USER_INPUT', async () => {
    const res = await postTaskRaw(newPoster(), taskInput({ category: 'PLUMBING' }));
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });

  it('refuses a date that is not ISO-8601 with BAD_USER_INPUT', async () => {
    const res = await postTaskRaw(newPoster(), taskInput({ dueAt: 'next tuesday' }));
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });
});
