import { errorCode, gql } from '@sx/testkit';
import { describe, expect, it } from 'vitest';
import {
  getFragmentData,
  MeDocument,
  NearbyTasksDocument,
  PostTaskDocument,
  SxError,
  TaskCardFragmentDoc,
  TaskDetailFragmentDoc,
  TaskDocument,
  ViewerFragmentDoc,
} from '../src/index.js';
import { newAccount, postTask, signedUpClient, testClient } from './harness.js';

const REFRESH = 'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }';

describe('signing up, in and out with the SDK', () => {
  it('signs up, keeps the session in the token store, and sends its access token', async () => {
    const { sx, store } = testClient();
    const account = newAccount('Sally Signup');
    const signedUp = await sx.signUp(account);
    expect(signedUp).toMatchObject({ ok: true, data: { name: 'Sally Signup', email: account.email, roles: ['POSTER', 'TASKER'] } });
    expect(await store.get()).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String) });

    const me = await sx.request(MeDocument);
    expect(me.ok && me.data.me?.id).toBe(signedUp.ok && signedUp.data.id);
  });

  it('signs in with email and password, replacing the stored session', async () => {
    const account = newAccount('Ivan Signin');
    const first = testClient();
    const created = await first.sx.signUp(account);
    const { sx, store, http } = testClient();

    const signedIn = await sx.signIn({ email: account.email.toUpperCase(), password: account.password });
    expect(signedIn.ok && signedIn.data.id).toBe(created.ok && created.data.id);
    const tokens = await store.get();
    expect(tokens).not.toBeNull();
    expect(tokens?.refreshToken).not.toBe((await first.store.get())?.refreshToken);
    const me = await sx.request(MeDocument);
    expect(me.ok && getFragmentData(ViewerFragmentDoc, me.data.me)?.name).toBe('Ivan Signin');
    expect(http.sent).toEqual(['SignIn', 'Me']);
  });

  it('answers a wrong password with a typed UNAUTHENTICATED error and stores nothing', async () => {
    const account = newAccount('Wanda Wrong');
    await testClient().sx.signUp(account);
    const { sx, store } = testClient();

    const res = await sx.signIn({ email: account.email, password: 'not the password at all' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error).toBeInstanceOf(SxError);
    expect(res.error.code).toBe('UNAUTHENTICATED');
    expect(res.error.path).toEqual(['signIn']);
    expect(await store.get()).toBeNull();
    expect(await sx.isSignedIn()).toBe(false);
  });

  it('signs out: clears the token store and ends the session on the server', async () => {
    const { sx, store } = await signedUpClient('Otto Signout');
    const before = await store.get();

    const res = await sx.signOut();
    expect(res).toEqual({ ok: true, data: true });
    expect(await store.get()).toBeNull();
    expect(await sx.isSignedIn()).toBe(false);
    // The refresh token the SDK held is dead: nobody who copied it can continue the session.
    const reuse = await gql(REFRESH, { t: before?.refreshToken });
    expect(errorCode(reuse)).toBe('UNAUTHENTICATED');
    // And the client is anonymous again.
    const me = await sx.request(MeDocument);
    expect(me).toEqual({ ok: true, data: { me: null } });
  });

  it('lists nearby tasks anonymously, with the fragment data unmasked by getFragmentData', async () => {
    const poster = await signedUpClient('Nina Nearby');
    const title = `Water the plants ${Date.now()}`;
    const posted = await poster.sx.request(PostTaskDocument, {
      input: { title, category: 'GARDENING', budget: { amount: 2_500, currency: 'GBP' }, location: { lat: 51.5072, lng: -0.1276 } },
    });
    expect(posted.ok).toBe(true);

    const { sx } = testClient();
    const res = await sx.request(NearbyTasksDocument, { lat: 51.5, lng: -0.12, radiusKm: 5, first: 100 });
    if (!res.ok) throw res.error;
    const cards = res.data.tasks.edges.map((e) => getFragmentData(TaskCardFragmentDoc, e.node));
    expect(cards.find((c) => c.title === title)).toMatchObject({ category: 'GARDENING', status: 'OPEN', budget: { amount: 2_500, currency: 'GBP' } });
    // Far away: not listed.
    const far = await sx.request(NearbyTasksDocument, { lat: 40.7, lng: -74.0, radiusKm: 5, first: 100 });
    expect(far.ok && far.data.tasks.edges.map((e) => getFragmentData(TaskCardFragmentDoc, e.node).title)).not.toContain(title);
  });

  it('posts a task as the signed-in user', async () => {
    const { sx, userId } = await signedUpClient('Pete Poster');
    const taskId = await postTask(sx, 'Fix the gate');
    const res = await sx.request(TaskDocument, { id: taskId });
    if (!res.ok) throw res.error;
    expect(getFragmentData(TaskDetailFragmentDoc, res.data.task)).toMatchObject({ title: 'Fix the gate', poster: { id: userId } });
  });
});
