import { afterAll, describe, expect, it } from 'vitest';
import { verifyAccessToken } from '@sx/runtime';
import { errorCode, stackInfo } from '@sx/testkit';
import { newUser, payloadOf, refreshCall, signOutCall } from './accounts.js';
import { openUsersDb } from './users-db.js';

const db = openUsersDb();
afterAll(() => db.close());

describe('refreshSession', () => {
  it('rotates: a new refresh token in the same family, the old one marked used and replaced', async () => {
    const { session } = await newUser();
    const next = payloadOf(await refreshCall(session.refreshToken), 'refreshSession');

    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.user).toMatchObject({ id: session.user.id, email: session.user.email });
    expect(await verifyAccessToken(next.accessToken, stackInfo().secrets.jwtSecret)).toMatchObject({ ok: true, claims: { userId: session.user.id } });
    const [first, second] = await db.refreshTokensOf(session.user.id);
    expect(first?.familyId).toBe(second?.familyId);
    expect(first?.usedAt).toBeInstanceOf(Date);
    expect(first?.replacedBy).toBe(second?.id);
    expect(second).toMatchObject({ usedAt: null, revokedAt: null });
  });

  it('refuses a rotated token and, as reuse, ends the whole session including its successor', async () => {
    const { session } = await newUser();
    const next = payloadOf(await refreshCall(session.refreshToken), 'refreshSession');

    const replay = await refreshCall(session.refreshToken);
    expect(errorCode(replay)).toBe('UNAUTHENTICATED');
    expect(replay.errors?.[0]?.message).toContain('already used');

    const successor = await refreshCall(next.refreshToken);
    expect(errorCode(successor)).toBe('UNAUTHENTICATED');
    const tokens = await db.refreshTokensOf(session.user.id);
    expect(tokens).toHaveLength(2);
    expect(tokens.every((t) => t.revokedAt instanceof Date)).toBe(true);
  });

  it('lets exactly one of two concurrent refreshes with the same token succeed', async () => {
    const { session } = await newUser();
    const results = await Promise.all([refreshCall(session.refreshToken), refreshCall(session.refreshToken)]);

    expect(results.filter((r) => r.data?.refreshSession).length).toBe(1);
    expect(results.filter((r) => errorCode(r) === 'UNAUTHENTICATED').length).toBe(1);
    // Exactly one successor was ever issued.
    expect(await db.refreshTokensOf(session.user.id)).toHaveLength(2);
  });

  it('refuses an unknown token with UNAUTHENTICATED', async () => {
    const res = await refreshCall('bm90LWEtcmVhbC10b2tlbi1ub3QtYS1yZWFsLXRva2Vu');
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toContain('not valid');
  });

  it('refuses an expired token with UNAUTHENTICATED and changes nothing', async () => {
    const { session } = await newUser();
    await db.expireRefreshTokensOf(session.user.id);
    const before = await db.refreshTokensOf(session.user.id);

    const res = await refreshCall(session.refreshToken);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toContain('expired');
    expect(await db.refreshTokensOf(session.user.id)).toEqual(before);
  });
});

describe('signOut', () => {
  it('ends the session so its refresh token is refused afterwards', async () => {
    const { session } = await newUser();
    const next = payloadOf(await refreshCall(session.refreshToken), 'refreshSession');

    expect((await signOutCall(next.refreshToken)).data?.signOut).toBe(true);
    const res = await refreshCall(next.refreshToken);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toContain('session has ended');
  });

  it('is idempotent, also for a token it does not know', async () => {
    const { session } = await newUser();
    expect((await signOutCall(session.refreshToken)).data?.signOut).toBe(true);
    expect((await signOutCall(session.refreshToken)).data?.signOut).toBe(true);
    expect((await signOutCall('unknown-token')).data?.signOut).toBe(true);
  });

  it('ends only the session it is given, not the user’s other sessions', async () => {
    const { session } = await newUser();
    const other = payloadOf(await refreshCall(session.refreshToken), 'refreshSession');
    const { session: stranger } = await newUser();

    await signOutCall(other.refreshToken);
    payloadOf(await refreshCall(stranger.refreshToken), 'refreshSession');
  });
});
