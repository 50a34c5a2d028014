// @vitest-environment jsdom
import { SxProvider, useSession, useSx, useViewer } from '@sx/react';
import { memoryTokenStore } from '@sx/sdk';
import { gqlOk, signUpUser } from '@sx/testkit';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { renderHook, testClient } from './render.js';

const REFRESH = 'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }';

describe('<SxProvider> and the session', () => {
  it('is restoring at first, then signed out when the token store is empty', async () => {
    const view = await renderHook(testClient(), () => useSession());
    expect(view.history[0]).toMatchObject({ status: 'restoring', viewer: null });
    expect(await view.until((s) => s.status !== 'restoring')).toMatchObject({ status: 'signed-out', viewer: null });
    view.unmount();
  });

  it('restores a session kept in the token store, asking the server who it is', async () => {
    const user = await signUpUser({ name: 'Rory Restored' });
    const store = memoryTokenStore({ accessToken: user.accessToken, refreshToken: user.refreshToken });
    const view = await renderHook(testClient(store), () => useSession());
    const restored = await view.until((s) => s.status !== 'restoring');
    expect(restored).toMatchObject({ status: 'signed-in', viewer: { id: user.id, name: 'Rory Restored', email: user.email } });
    view.unmount();
  });

  it('signs in and out through the session; sign-out clears the token store at once', async () => {
    const user = await signUpUser({ name: 'Sid Session' });
    const store = memoryTokenStore();
    const view = await renderHook(testClient(store), () => useSession());
    await view.until((s) => s.status === 'signed-out');

    const wrong = await view.current().signIn({ email: user.email, password: 'not the password at all' });
    expect(wrong.ok || wrong.error.code).toBe('UNAUTHENTICATED');
    expect(view.current().status).toBe('signed-out');

    expect((await view.current().signIn(user)).ok).toBe(true);
    expect(await view.until((s) => s.status === 'signed-in')).toMatchObject({ viewer: { id: user.id } });
    expect(await store.get()).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String) });

    await view.current().signOut();
    await view.until((s) => s.status === 'signed-out' && s.viewer === null);
    expect(await store.get()).toBeNull();
    view.unmount();
  });

  it('is signed out when the server no longer knows the stored session', async () => {
    const user = await signUpUser({ name: 'Eddie Expired' });
    await gqlOk(REFRESH, { t: user.refreshToken }); // the refresh token is spent elsewhere
    // An access token the gateway refuses (as it would an expired one) makes the SDK refresh.
    const store = memoryTokenStore({ accessToken: 'not.a.jwt', refreshToken: user.refreshToken });
    const view = await renderHook(testClient(store), () => useSession());
    expect(await view.until((s) => s.status !== 'restoring')).toMatchObject({ status: 'signed-out', viewer: null });
    expect(await store.get()).toBeNull();
    view.unmount();
  });

  it('says what is wrong when a hook is used outside the provider or before sign-in', () => {
    const outside = () => createElement(() => (useSx(), null));
    expect(() => renderToString(outside())).toThrow(/useSx outside <SxProvider>/);
    const tooEarly = createElement(SxProvider, { client: testClient(), children: createElement(() => (useViewer(), null)) });
    expect(() => renderToString(tooEarly)).toThrow(/useViewer before sign-in/);
  });
});
