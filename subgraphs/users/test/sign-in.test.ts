import { afterAll, describe, expect, it } from 'vitest';
import { verifyAccessToken } from '@sx/runtime';
import { errorCode, stackInfo } from '@sx/testkit';
import { PASSWORD, newUser, payloadOf, signInCall, uniqueEmail, uniqueIp } from './accounts.js';
import { openUsersDb } from './users-db.js';

// The stack runs with the defaults of src/env.ts for these.
const PAIR_MAX_FAILURES = 5;
const PAIR_WINDOW_SECONDS = 15 * 60;
const IP_MAX_FAILURES = 50;

const db = openUsersDb();
afterAll(() => db.close());

describe('signIn', () => {
  it('issues an access token for the user and a new session family', async () => {
    const { email, session: signUp } = await newUser({ roles: ['POSTER'] });
    const session = payloadOf(await signInCall(email.toUpperCase(), PASSWORD, uniqueIp()), 'signIn');

    const check = await verifyAccessToken(session.accessToken, stackInfo().secrets.jwtSecret);
    expect(check).toEqual({ ok: true, claims: { userId: signUp.user.id, roles: ['POSTER'], sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    expect(session.user).toMatchObject({ id: signUp.user.id, email });
    expect(session.refreshToken).not.toBe(signUp.refreshToken);
    const tokens = await db.refreshTokensOf(signUp.user.id);
    expect(new Set(tokens.map((t) => t.familyId)).size).toBe(2);
    // The access token names its session, so the gateway can refuse it once that session ends.
    expect(tokens.map((t) => t.familyId)).toContain(check.ok ? check.claims.sessionId : undefined);
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

  it(`refuses attempt ${PAIR_MAX_FAILURES + 1} for an account from one address after ${PAIR_MAX_FAILURES} failures, even with the right password`, async () => {
    const { email, session } = await newUser();
    const ip = uniqueIp();
    const tokensBefore = await db.refreshTokensOf(session.user.id);
    for (let i = 1; i <= PAIR_MAX_FAILURES; i++) {
      expect(errorCode(await signInCall(email, `wrong password ${i}`, ip))).toBe('UNAUTHENTICATED');
    }

    const limited = await signInCall(email, PASSWORD, ip);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    const retryAfter = limited.errors?.[0]?.extensions?.retryAfterSeconds;
    expect(typeof retryAfter).toBe('number');
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(PAIR_WINDOW_SECONDS);
    expect(limited.errors?.[0]?.message).toContain(`try again in ${String(retryAfter)} seconds`);
    expect(await db.refreshTokensOf(session.user.id)).toEqual(tokensBefore);

    // The owner elsewhere is not locked out by failures made from that address.
    payloadOf(await signInCall(email, PASSWORD, uniqueIp()), 'signIn');
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    const { email } = await newUser();
    const ip = uniqueIp();
    for (let i = 1; i < PAIR_MAX_FAILURES; i++) expect(errorCode(await signInCall(email, 'wrong password', ip))).toBe('UNAUTHENTICATED');
    payloadOf(await signInCall(email, PASSWORD, ip), 'signIn');
    for (let i = 1; i < PAIR_MAX_FAILURES; i++) expect(errorCode(await signInCall(email, 'wrong password', ip))).toBe('UNAUTHENTICATED');

    // Without the reset this would be failure number 2 × (max − 1) + 1 > max.
    payloadOf(await signInCall(email, PASSWORD, ip), 'signIn');
  });

  it('gives a burst of parallel wrong guesses from one address exactly the allowed number of checks', async () => {
    const { email } = await newUser();
    const ip = uniqueIp();
    const results = await Promise.all(
      Array.from({ length: PAIR_MAX_FAILURES + 3 }, (_, i) => signInCall(email, `guess ${i}`, ip)),
    );
    expect(results.filter((r) => errorCode(r) === 'UNAUTHENTICATED').length).toBe(PAIR_MAX_FAILURES);
    expect(results.filter((r) => errorCode(r) === 'RATE_LIMITED').length).toBe(3);
  });

  it(`refuses attempt ${IP_MAX_FAILURES + 1} from one address after ${IP_MAX_FAILURES} failures, whatever the email`, async () => {
    const ip = uniqueIp();
    for (let i = 1; i <= IP_MAX_FAILURES; i++) {
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
