import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCode } from '@sx/testkit';
import { cancelTaskRaw, dataOf, listTaskIds, listTasksRaw, newPoster, postTask, readTask, tasksCall, type ApiConnection } from './task-api.js';

// Real places: Alexanderplatz, Oranienplatz (≈2.2 km south) and Fürstenwalde/Spree (≈47 km east).
const ALEXANDERPLATZ = { lat: 52.5219, lng: 13.4132 };
const ORANIENPLATZ = { lat: 52.502, lng: 13.418, address: 'Oranienplatz, Berlin' };
const FUERSTENWALDE = { lat: 52.3605, lng: 14.0617, address: 'Markt, Fürstenwalde/Spree' };

describe('task(id)', () => {
  it('answers null for an unknown or malformed id', async () => {
    expect(await readTask(randomUUID())).toBeNull();
    expect(await readTask('42')).toBeNull();
  });
});

describe('tasks filters', () => {
  it('finds a task by a word of its description, stemmed, and not the others', async () => {
    const poster = newPoster();
    const pergola = await postTask(poster, { title: 'Garden job', description: 'Please repaint the wooden pergola behind the house.' });
    await postTask(poster, { title: 'Window job', description: 'Clean six windows on the first floor.' });
    expect(await listTaskIds({ posterId: poster.userId, search: 'pergola' })).toEqual([pergola.id]);
    expect(await listTaskIds({ posterId: poster.userId, search: 'repainting' })).toEqual([pergola.id]);
    expect(await listTaskIds({ posterId: poster.userId, search: 'pergola -wooden' })).toEqual([]);
    expect(await listTaskIds({ posterId: poster.userId, search: '   ' })).toHaveLength(2);
  });

  it('finds a task 2 km away and not one 50 km away within a 10 km radius; remote tasks never match', async () => {
    const poster = newPoster();
    const near = await postTask(poster, { location: ORANIENPLATZ });
    const far = await postTask(poster, { location: FUERSTENWALDE });
    await postTask(poster, { location: null });
    expect(await listTaskIds({ posterId: poster.userId, near: { ...ALEXANDERPLATZ, radiusKm: 10 } })).toEqual([near.id]);
    expect(await listTaskIds({ posterId: poster.userId, near: { ...ALEXANDERPLATZ, radiusKm: 2 } })).toEqual([]);
    expect(await listTaskIds({ posterId: poster.userId, near: { ...ALEXANDERPLATZ, radiusKm: 60 } })).toEqual([far.id, near.id]);
  });

  it('keeps tasks whose budget lies within budgetMin and budgetMax, in the currency asked for', async () => {
    const poster = newPoster();
    await postTask(poster, { budget: { amount: 1000, currency: 'USD' } });
    const mid = await postTask(poster, { budget: { amount: 5000, currency: 'USD' } });
    const top = await postTask(poster, { budget: { amount: 20000, currency: 'USD' } });
    const euro = await postTask(poster, { budget: { amount: 5000, currency: 'EUR' } });
    const posterId = poster.userId;
    expect(await listTaskIds({ posterId, budgetMin: 2000, budgetMax: 10000 })).toEqual([euro.id, mid.id]);
    expect(await listTaskIds({ posterId, budgetMin: 2000, budgetMax: 10000, currency: 'USD' })).toEqual([mid.id]);
    expect(await listTaskIds({ posterId, budgetMin: 5000 })).toEqual([euro.id, top.id, mid.id]);
    expect(await listTaskIds({ posterId, budgetMax: 5000, budgetMin: 5000 })).toEqual([euro.id, mid.id]);
  });

  it('filters by status and category', async () => {
    const poster = newPoster();
    const cleaning = await postTask(poster, { category: 'CLEANING' });
    const moving = await postTask(poster, { category: 'MOVING' });
    dataOf(await cancelTaskRaw(poster, moving.id));
    const posterId = poster.userId;
    expect(await listTaskIds({ posterId, category: 'CLEANING' })).toEqual([cleaning.id]);
    expect(await listTaskIds({ posterId, status: 'OPEN' })).toEqual([cleaning.id]);
    expect(await listTaskIds({ posterId, status: 'CANCELLED' })).toEqual([moving.id]);
    expect(await listTaskIds({ posterId: 'not-a-uuid' })).toEqual([]);
  });

  it.each([
    ['a zero radius', { near: { ...ALEXANDERPLATZ, radiusKm: 0 } }, 'radiusKm must be more than 0'],
    ['a radius over 500 km', { near: { ...ALEXANDERPLATZ, radiusKm: 501 } }, 'at most 500'],
    ['a latitude out of range', { near: { lat: 90.5, lng: 0, radiusKm: 5 } }, 'filter.near.lat must be between -90 and 90'],
    ['a longitude out of range', { near: { lat: 0, lng: -180.5, radiusKm: 5 } }, 'filter.near.lng must be between -180 and 180'],
    ['budgetMin over budgetMax', { budgetMin: 900, budgetMax: 100 }, 'must not be greater than filter.budgetMax'],
    ['an unsupported currency', { currency: 'DOGE' }, 'filter.currency "DOGE" is not supported'],
    ['an overlong search', { search: 's'.repeat(201) }, 'at most 200 characters'],
  ])('refuses %s with BAD_USER_INPUT', async (_name, filter, message) => {
    const res = await listTasksRaw({ filter });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(message);
  });
});

describe('tasks pagination', () => {
  it('walks 3 pages newest first without duplicates or gaps', async () => {
    const poster = newPoster();
    const posted: string[] = [];
    for (let i = 1; i <= 7; i++) posted.push((await postTask(poster, { title: `Paged task ${i}` })).id);
    const filter = { posterId: poster.userId };
    const pages: string[][] = [];
    const hasNext: boolean[] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i++) {
      const page: ApiConnection = dataOf(await listTasksRaw({ filter, first: 3, after })).tasks;
      pages.push(page.edges.map((e) => e.node.id));
      hasNext.push(page.pageInfo.hasNextPage);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor);
      after = page.pageInfo.endCursor;
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(hasNext).toEqual([true, true, false]);
    expect(pages.flat()).toEqual([...posted].reverse());
  });

  it('refuses more than 100 per page with BAD_USER_INPUT', async () => {
    const res = await listTasksRaw({ first: 101 });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe('"first" may be at most 100.');
  });

  it('refuses a malformed cursor, or one naming no valid position, with BAD_USER_INPUT', async () => {
    const forged = Buffer.from(JSON.stringify(['yesterday', 'not-a-uuid'])).toString('base64url');
    for (const after of ['not-a-cursor', forged]) {
      const res = await listTasksRaw({ first: 5, after });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toContain('use an endCursor returned by this list');
    }
  });
});

describe('User entity', () => {
  it('lists the tasks a user posted, optionally by status, and none assigned yet', async () => {
    const poster = newPoster();
    const first = await postTask(poster, { title: 'Posted first' });
    const second = await postTask(poster, { title: 'Posted second' });
    dataOf(await cancelTaskRaw(poster, first.id));
    const res = await tasksCall<{ _entities: { all: { edges: { node: { id: string } }[] }; open: { edges: { node: { id: string } }[] }; assignedTasks: { edges: unknown[] } }[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User {
        all: postedTasks(first: 10) { edges { node { id } } }
        open: postedTasks(first: 10, status: OPEN) { edges { node { id } } }
        assignedTasks { edges { node { id } } }
      } } }`,
      { reps: [{ __typename: 'User', id: poster.userId }] },
    );
    const [user] = dataOf(res)._entities;
    expect(user?.all.edges.map((e) => e.node.id)).toEqual([second.id, first.id]);
    expect(user?.open.edges.map((e) => e.node.id)).toEqual([second.id]);
    expect(user?.assignedTasks.edges).toEqual([]);
  });
});
