import { signAccessToken } from '@sx/runtime';
import { errorCode, gql, gqlOk, signUpUser, stackInfo } from '@sx/testkit';
import { describe, expect, it } from 'vitest';
import { getFragmentData, MeDocument, memoryTokenStore, ViewerFragmentDoc, type SxError } from '../src/index.js';
import { testClient } from './harness.js';

// Access tokens last 15 minutes; the SDK refreshes them when the gateway refuses one. Refresh
// tokens rotate and a reused one ends the session, so however many requests fail at once,
// exactly one refreshSession may go out.

const REFRESH = 'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }';
const CONCURRENT_REQUESTS = 10;

async function expiredSessionOf(user: { id: string; refreshToken: string }) {
  const accessToken = await signAccessToken({ userId: user.id, roles: ['POSTER', 'TASKER'] }, stackInfo().secrets.jwtSecret, -10);
  return memoryTokenStore({ accessToken, refreshToken: user.refreshToken });
}

describe('refreshing the session', () => {
  it(`refreshes once for ${CONCURRENT_REQUESTS} requests refused at the same time, and all of them succeed`, async () => {
    const user = await signUpUser({ name: 'Rita Refresh' });
    const { sx, store, http } = testClient({ tokenStore: await expiredSessionOf(user) });
    const expired = await store.get();

    const results = await Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, () => sx.request(MeDocument)));

    expect(results.map((r) => r.ok && getFragmentData(ViewerFragmentDoc, r.data.me)?.id)).toEqual(Array(CONCURRENT_REQUESTS).fill(user.id));
    expect(http.count('RefreshSession')).toBe(1);
    // Each request went twice: refused with the expired token, then retried with the new one.
    expect(http.count('Me')).toBe(2 * CONCURRENT_REQUESTS);
    const fresh = await store.get();
    expect(fresh?.accessToken).not.toBe(expired?.accessToken);
    expect(fresh?.refreshToken).not.toBe(user.refreshToken);
    // The new pair works on its own, and the old refresh token was spent by the one refresh.
    const me = await gqlOk<{ me: { id: string } }>('{ me { id } }', {}, { token: fresh?.accessToken });
    expect(me.me.id).toBe(user.id);
    expect(errorCode(await gql(REFRESH, { t: user.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('refreshes a garbage access token the same way', async () => {
    const user = await signUpUser({ name: 'Gary Garbage' });
    const { sx, http } = testClient({ tokenStore: memoryTokenStore({ accessToken: 'not.a.jwt', refreshToken: user.refreshToken }) });

    const [a, b] = await Promise.all([sx.request(MeDocument), sx.request(MeDocument)]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(http.count('RefreshSession')).toBe(1);
  });

  it('ends the session when the server refuses the refresh token: store cleared, onSessionEnd told once', async () => {
    const user = await signUpUser({ name: 'Eve Ended' });
    // Someone else already used this refresh token: presenting it again revokes the session.
    await gqlOk(REFRESH, { t: user.refreshToken });
    const ended: SxError[] = [];
    const { sx, store, http } = testClient({ tokenStore: await expiredSessionOf(user), onSessionEnd: (e) => ended.push(e) });

    const results = await Promise.all([sx.request(MeDocument), sx.request(MeDocument), sx.request(MeDocument)]);

    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(http.count('RefreshSession')).toBe(1);
    expect(await store.get()).toBeNull();
    expect(ended.map((e) => e.code)).toEqual(['UNAUTHENTICATED']);
    // Signed out now: the next request goes anonymously and is not refused.
    expect(await sx.request(MeDocument)).toEqual({ ok: true, data: { me: null } });
    expect(http.count('RefreshSession')).toBe(1);
  });

  it('tells listeners added with onSessionEnd() once each, and not after they are removed', async () => {
    const user = await signUpUser({ name: 'Lea Listener' });
    await gqlOk(REFRESH, { t: user.refreshToken });
    const { sx } = testClient({ tokenStore: await expiredSessionOf(user) });
    const heard: string[] = [];
    sx.onSessionEnd((e) => heard.push(`kept:${e.code}`));
    const remove = sx.onSessionEnd((e) => heard.push(`removed:${e.code}`));
    remove();

    await Promise.all([sx.request(MeDocument), sx.request(MeDocument)]);

    expect(heard).toEqual(['kept:UNAUTHENTICATED']);
  });

  it('does not refresh when the request carried no token', async () => {
    const { sx, http } = testClient();
    const res = await sx.request(MeDocument);
    expect(res).toEqual({ ok: true, data: { me: null } });
    expect(http.sent).toEqual(['Me']);
  });
});
