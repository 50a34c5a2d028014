import { afterAll, describe, expect, it } from 'vitest';
import { verifyAccessToken } from '@sx/runtime';
import { errorCode, subgraphGql, stackInfo } from '@sx/testkit';
import { PASSWORD, identityOf, payloadOf, signUpCall, uniqueEmail } from './accounts.js';
import { openUsersDb } from './users-db.js';

const db = openUsersDb();
afterAll(() => db.close());

describe('signUp', () => {
  it('creates an account that is then the signed-in user of me', async () => {
    const email = uniqueEmail('Ana');
    const session = payloadOf(await signUpCall({ email: `  ${email.toUpperCase()} `, password: PASSWORD, name: ' Ana ' }), 'signUp');

    expect(session.user).toMatchObject({ name: 'Ana', roles: ['POSTER', 'TASKER'], email: email.toLowerCase() });
    expect(new Date(session.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
    const check = await verifyAccessToken(session.accessToken, stackInfo().secrets.jwtSecret);
    expect(check).toEqual({ ok: true, claims: { userId: session.user.id, roles: ['POSTER', 'TASKER'], sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });

    const me = await subgraphGql<{ me: { id: string; email: string | null } }>('users', '{ me { id email } }', {}, await identityOf(session.accessToken));
    expect(me.data?.me).toEqual({ id: session.user.id, email: email.toLowerCase() });
  });

  it('keeps only the roles chosen', async () => {
    const session = payloadOf(await signUpCall({ email: uniqueEmail(), password: PASSWORD, name: 'Tasker', roles: ['TASKER'] }), 'signUp');
    expect(session.user.roles).toEqual(['TASKER']);
  });

  it('answers a sign-up with a registered email (in any case) as a sign-in would, and keeps one account', async () => {
    const email = uniqueEmail('dup');
    const first = payloadOf(await signUpCall({ email, password: PASSWORD, name: 'First' }), 'signUp');

    const wrong = await signUpCall({ email: email.toUpperCase(), password: 'another password 123', name: 'Second' });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0]?.extensions?.reason).toBe('WRONG_CREDENTIALS');
    expect(wrong.errors?.[0]?.message).not.toMatch(/exist|taken|registered/i);

    const again = payloadOf(await signUpCall({ email: email.toUpperCase(), password: PASSWORD, name: 'Second' }), 'signUp');
    expect(again.user).toMatchObject({ id: first.user.id, name: 'First' });
    expect(await db.countUsersWithEmail(email)).toBe(1);
  });

  it('publishes one users.user.signed_up per account, in the sign-up transaction, and none for a refused sign-up', async () => {
    const email = uniqueEmail('event');
    const session = payloadOf(await signUpCall({ email, password: PASSWORD, name: 'Eve', roles: ['TASKER'] }), 'signUp');
    expect(await db.signedUpEventsOfEmail(email)).toEqual([{ userId: session.user.id, data: { userId: session.user.id, roles: ['TASKER'], email, name: 'Eve' } }]);

    expect(errorCode(await signUpCall({ email, password: 'not the same password', name: 'Eve Again' }))).toBe('UNAUTHENTICATED');
    expect(await db.signedUpEventsOfEmail(email)).toHaveLength(1);
    expect(await db.orphanSignedUpEvents()).toBe(0);
  });

  it('makes exactly one account of several concurrent sign-ups with one email; the rest are signed in to it', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all(
      [email, email.toUpperCase(), ` ${email}`, email].map((e, i) => signUpCall({ email: e, password: PASSWORD, name: `Racer ${i}` })),
    );
    const userIds = results.map((r) => payloadOf(r, 'signUp').user.id);
    expect(new Set(userIds).size).toBe(1);
    expect(await db.countUsersWithEmail(email)).toBe(1);
    expect(await db.signedUpEventsOfEmail(email)).toHaveLength(1);
    expect(await db.orphanSignedUpEvents()).toBe(0);
  });

  it.each([
    ['too short', 'short pw', 'at least 10 characters'],
    ['one repeated character', 'aaaaaaaaaaaa', 'repeat a single character'],
    ['over 128 characters', 'ab'.repeat(65), 'at most 128 characters'],
  ])('refuses a password that is %s with BAD_USER_INPUT and creates nothing', async (_what, password, message) => {
    const email = uniqueEmail('weak');
    const res = await signUpCall({ email, password, name: 'Weak' });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(message);
    expect(res.errors?.[0]?.extensions?.field).toBe('password');
    expect(res.data).toBeNull();
    expect(await db.countUsersWithEmail(email)).toBe(0);
  });

  it('refuses the email address as password', async () => {
    const email = uniqueEmail('same');
    const res = await signUpCall({ email, password: email.toUpperCase(), name: 'Same' });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('must not be your email address');
    expect(await db.countUsersWithEmail(email)).toBe(0);
  });

  it('refuses an invalid email with BAD_USER_INPUT', async () => {
    const res = await signUpCall({ email: 'not-an-email', password: PASSWORD, name: 'Nobody' });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('not a valid email address');
    expect(await db.countUsersWithEmail('not-an-email')).toBe(0);
  });

  it('refuses a blank name with BAD_USER_INPUT', async () => {
    const email = uniqueEmail('blank');
    const res = await signUpCall({ email, password: PASSWORD, name: '   ' });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(await db.countUsersWithEmail(email)).toBe(0);
  });

  it('refuses to let a person make themself ADMIN and creates nothing', async () => {
    const email = uniqueEmail('admin');
    const res = await signUpCall({ email, password: PASSWORD, name: 'Mallory', roles: ['POSTER', 'ADMIN'] });
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toContain('ADMIN role cannot be chosen');
    expect(await db.countUsersWithEmail(email)).toBe(0);
  });

  it('refuses an empty role list with BAD_USER_INPUT', async () => {
    const email = uniqueEmail('noroles');
    const res = await signUpCall({ email, password: PASSWORD, name: 'Nobody', roles: [] });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(await db.countUsersWithEmail(email)).toBe(0);
  });
});
