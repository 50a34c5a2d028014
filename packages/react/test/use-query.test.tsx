// @vitest-environment jsdom
import { useQuery, useSession } from '@sx/react';
import { MeDocument, NearbyTasksDocument, PostTaskDocument, type SxClient } from '@sx/sdk';
import { signUpUser } from '@sx/testkit';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderHook, testClient } from './render.js';

/** A place of this test's own, so other runs' tasks are never within its radius. */
function lonelyPlace() {
  return { lat: -50 + Math.random() * 10, lng: -170 + Math.random() * 10, radiusKm: 1 };
}

async function postTaskAt(sx: SxClient, place: { lat: number; lng: number }, title: string): Promise<string> {
  const res = await sx.request(PostTaskDocument, { input: { title, category: 'GARDENING', budget: { amount: 3000, currency: 'EUR' }, location: { lat: place.lat, lng: place.lng } } });
  if (!res.ok) throw res.error;
  return res.data.postTask.id;
}

async function signedInClient(): Promise<SxClient> {
  const user = await signUpUser({ roles: ['POSTER'] });
  const sx = testClient();
  const res = await sx.signIn(user);
  if (!res.ok) throw res.error;
  return sx;
}

describe('useQuery', () => {
  it('is loading with no data at first, then shows the answer', async () => {
    const place = lonelyPlace();
    const view = await renderHook(testClient(), () => useQuery(NearbyTasksDocument, { ...place, first: 10 }));
    expect(view.history[0]).toMatchObject({ data: null, error: null, loading: true, refreshing: false });
    const loaded = await view.until((q) => !q.loading);
    expect(loaded).toMatchObject({ data: { tasks: { edges: [] } }, error: null, refreshing: false });
    view.unmount();
  });

  it('refreshes: the old answer stays on screen while refreshing, then the new one replaces it', async () => {
    const poster = await signedInClient();
    const place = lonelyPlace();
    const view = await renderHook(testClient(), () => useQuery(NearbyTasksDocument, { ...place, first: 10 }));
    await view.until((q) => !q.loading);
    const taskId = await postTaskAt(poster, place, 'Mow the lawn');
    const seenBefore = view.history.length;

    const result = await view.current().refresh();

    expect(result?.ok).toBe(true);
    const after = await view.until((q) => !q.refreshing && (q.data?.tasks.edges.length ?? 0) > 0);
    expect(after.data?.tasks.edges.map((e) => e.node.id)).toEqual([taskId]);
    const during = view.history.slice(seenBefore).filter((q) => q.refreshing);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((q) => q.data?.tasks.edges.length === 0 && !q.loading)).toBe(true);
    view.unmount();
  });

  it('shows a refusal as its error, with no data, and not loading', async () => {
    const place = lonelyPlace();
    const view = await renderHook(testClient(), () => useQuery(NearbyTasksDocument, { ...place, first: 1000 }));
    const failed = await view.until((q) => !q.loading);
    expect(failed.data).toBeNull();
    expect(failed.error?.code).toBe('BAD_USER_INPUT');
    view.unmount();
  });

  it('fetches again when the variables change, showing loading and then only the new answer', async () => {
    const poster = await signedInClient();
    const [here, there] = [lonelyPlace(), lonelyPlace()];
    const thereTask = await postTaskAt(poster, there, 'Water the plants');
    const view = await renderHook(testClient(), () => {
      const [place, setPlace] = useState(here);
      return { query: useQuery(NearbyTasksDocument, { ...place, first: 10 }), setPlace };
    });
    await view.until((v) => !v.query.loading);
    expect(view.current().query.data?.tasks.edges).toEqual([]);
    const seenBefore = view.history.length;

    view.current().setPlace(there);

    const moved = await view.until((v) => (v.query.data?.tasks.edges.length ?? 0) > 0);
    expect(moved.query.data?.tasks.edges.map((e) => e.node.id)).toEqual([thereTask]);
    const afterChange = view.history.slice(seenBefore);
    expect(afterChange.some((v) => v.query.loading && v.query.data === null)).toBe(true);
    // Never the old place's answer under the new place.
    expect(afterChange.filter((v) => v.query.data !== null).every((v) => v.query.data?.tasks.edges.length === 1)).toBe(true);
    view.unmount();
  });

  it('fetches again for the new user after signing in', async () => {
    const user = await signUpUser({ name: 'Quinn Query' });
    const view = await renderHook(testClient(), () => ({ me: useQuery(MeDocument), session: useSession() }));
    await view.until((v) => v.session.status === 'signed-out' && !v.me.loading);
    expect(view.current().me.data).toEqual({ me: null });

    const signedIn = await view.current().session.signIn(user);

    expect(signedIn.ok).toBe(true);
    const after = await view.until((v) => v.me.data?.me !== null && v.me.data !== null);
    expect(after.me.data?.me?.id).toBe(user.id);
    view.unmount();
  });

  it('changes the data locally with update(), until the next fetch replaces it', async () => {
    const place = lonelyPlace();
    const view = await renderHook(testClient(), () => useQuery(NearbyTasksDocument, { ...place, first: 10 }));
    const loaded = await view.until((q) => !q.loading);
    const fetched = loaded.data;

    view.current().update((data) => (data ? { ...data, tasks: { ...data.tasks, pageInfo: { ...data.tasks.pageInfo, hasNextPage: true } } } : data));

    await view.until((q) => q.data?.tasks.pageInfo.hasNextPage === true);
    await view.current().refresh();
    const refreshed = await view.until((q) => !q.refreshing && q.data?.tasks.pageInfo.hasNextPage === false);
    expect(refreshed.data).toEqual(fetched);
    view.unmount();
  });

  it('does not fetch while skipped, and fetches once it is not', async () => {
    const place = lonelyPlace();
    const view = await renderHook(testClient(), () => {
      const [skip, setSkip] = useState(true);
      return { query: useQuery(NearbyTasksDocument, { ...place, first: 10 }, { skip }), setSkip };
    });
    expect(view.current().query).toMatchObject({ data: null, loading: false, error: null });
    expect(await view.current().query.refresh()).toBeNull();

    view.current().setSkip(false);

    const loaded = await view.until((v) => v.query.data !== null);
    expect(loaded.query.data?.tasks.edges).toEqual([]);
    view.unmount();
  });
});
