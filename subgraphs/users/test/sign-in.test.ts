import { afterAll, describe, expect, it } from 'vitest';
import { DEV_JWT_SECRET, verifyAccessToken } from '@sx/runtime';
import { errorCode } from '@sx/testkit';
import { PASSWORD, newUser, payloadOf, signInCall, uniqueEmail, uniqueIp } from './accounts.js';
import { openUsersDb } from './users-db.js';

// The stack runs with the defaults of src/env.ts.
const EMAIL_MAX_FAILURES = 5;
const EMAIL_WINDOW_SECONDS = 15 * 60;
const IP_MAX_ATTEMPTS = 20;

const db = openUsersDb();
afterAll(() => db.close());

describe('signIn', () => {
  it('issues an access token for the user and a new session family', async () => {
    const { email, session: signUp } = await newUser({ roles: ['POSTER'] });
    const session = payloadOf(await signInCall(email.toUpperCase(), PASSWORD, uniqueIp()), 'signIn');

    const check = await verifyAccessToken(session.accessToken, DEV_JWT_SECRET);
    expect(check).toEqual({ ok: true, claims: { userId: signUp.user.id, roles: ['POSTER'] } });
    expect(session.user).toMatchObject({ id: signUp.user.id, email });
    expect(session.refreshToken).not.toBe(signUp.refreshToken);
    const tokens = await db.refreshTokensOf(signUp.user.id);
    expect(new Set(tokens.map((t) => t.familyId)).size).toBe(2);
  });

  it('answers a wrong password and an unknown email with the same UNAUTHENTICATED message', async () => {
    const { email } = await newUser();
    const wrongPassword = await signInCall(email, 'not the password', uniqueIp());
    const unknownEmail = await signInCall(uniqueEmail('ghost'), PASSWORD, uniqueIp());

    expect(errorCode(wrongPassword)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknownEmail)).toBe('UNAUTHENTICATED');
    expect(wrongPassword.errors?.[0]?.message).toBe(unknownEmail.errors?.[0]?.message);
    expect(wrongPassword.data).toBeNull();
  });

  it(`refuses attempt ${EMAIL_MAX_FAILURES + 1} for an email after ${EMAIL_MAX_FAILURES} failures, even with the right password`, async () => {
    const { email, session } = await newUser();
    const tokensBefore = await db.refreshTokensOf(session.user.id);
    for (let i = 1; i <= EMAIL_MAX_FAILURES; i++) {
      // A new address each time: only the per-email limit is in play.
      expect(errorCode(await signInCall(email, `wrong password ${i}`, uniqueIp()))).toBe('UNAUTHENTICATED');
    }

    const limited = await signInCall(email, PASSWORD, uniqueIp());
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    const retryAfter = limited.errors?.[0]?.extensions?.retryAfterSeconds;
    expect(typeof retryAfter).toBe('number');
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(EMAIL_WINDOW_SECONDS);
    expect(limited.errors?.[0]?.message).toContain(`try again in ${String(retryAfter)} seconds`);
    expect(await db.refreshTokensOf(session.user.id)).toEqual(tokensBefore);
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    const { email } = await newUser();
    const ip = uniqueIp();
    for (let i = 1; i < EMAIL_MAX_FAILURES; i++) expect(errorCode(await signInCall(email, 'wrong password', ip))).toBe('UNAUTHENTICATED');
    payloadOf(await signInCall(email, PASSWORD, ip), 'signIn');
    for (let i = 1; i < EMAIL_MAX_FAILURES; i++) expect(errorCode(await signInCall(email, 'wrong password', ip))).toBe('UNAUTHENTICATED');

    // Without the reset this would be failure number 2 × (max − 1) + 1 > max.
    payloadOf(await signInCall(email, PASSWORD, ip), 'signIn');
  });

  it('gives a burst of parallel wrong guesses exactly the allowed number of checks', async () => {
    const { email } = await newUser();
    const results = await Promise.all(
      Array.from({ length: EMAIL_MAX_FAILURES + 3 }, (_, i) => signInCall(email, `guess ${i}`, uniqueIp())),
    );
    expect(results.filter((r) => errorCode(r) === 'UNAUTHENTICATED').length).toBe(EMAIL_MAX_FAILURES);
    expect(results.filter((r) => errorCode(r) === 'RATE_LIMITED').length).toBe(3);
  });

  it(`refuses attempt ${IP_MAX_ATTEMPTS + 1} from one address, whatever the email`, async () => {
    const ip = uniqueIp();
    for (let i = 1; i <= IP_MAX_ATTEMPTS; i++) {
      expect(errorCode(await signInCall(uniqueEmail(`spray${i}`), PASSWORD, ip))).toBe('UNAUTHENTICATED');
    }
    const { email } = await newUser();
    const limited = await signInCall(email, PASSWORD, ip);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors?.[0]?.message).toContain('from your network');
    expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);

    // The same person from another address is not affected.
    payloadOf(await signInCall(email, PASSWORD, uniqueIp()), 'signIn');
  });
});
