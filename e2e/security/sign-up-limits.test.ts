import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpUser, stackInfo } from '@sx/testkit';
import { startTestGateway } from '../../gateway/test/test-gateway.js';
import type { RunningGateway } from '../../gateway/src/server.js';
import { AUTH, PASSWORD, freshIp, post, startOwnUsers, uniqueEmail } from './edge-harness.js';

// F11 of issue 14: sign-up is limited per address, argon2 work is bounded, and neither sign-up
// nor sign-in tells whether an account exists.

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { ${AUTH} } }`;
const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { ${AUTH} } }`;

describe('account enumeration', () => {
  it('answers a sign-up with a registered email exactly as a sign-in with a wrong password', async () => {
    const existing = await signUpUser();
    const url = stackInfo().gatewayUrl;
    const signUp = await post(url, { query: SIGN_UP, variables: { input: { email: existing.email, password: 'a different password', name: 'Mallory' } } });
    const signIn = await post(url, { query: SIGN_IN, variables: { email: uniqueEmail('nobody'), password: 'a different password' } });

    expect(signUp.errors?.[0]?.message).not.toMatch(/exist|taken|registered|already/i);
    expect(signUp.errors?.[0]?.extensions).toEqual(signIn.errors?.[0]?.extensions);
    expect(signUp.errors?.[0]?.message).toBe(signIn.errors?.[0]?.message);
    expect(signUp.status).toBe(signIn.status);
  });
});

describe('sign-up and password-hashing limits (users with its default limits)', () => {
  let users: { url: string; stop: () => Promise<void> };
  let gateway: RunningGateway;
  beforeAll(async () => {
    // One argon2 computation at a time and two waiting: a burst shows the bound at once.
    users = await startOwnUsers({ PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_MAX_QUEUE: '2' });
    gateway = await startTestGateway({ USERS_URL: users.url, TRUST_PROXY: 'loopback' });
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
    await users?.stop();
  });

  const signUp = (ip: string) =>
    post(gateway.url, { query: SIGN_UP, variables: { input: { email: uniqueEmail('bulk'), password: PASSWORD, name: 'Bulk' } } }, { ip });

  it('refuses the eleventh sign-up from one address within the hour, with Retry-After; other addresses go on', async () => {
    const ip = freshIp();
    for (let i = 1; i <= 10; i++) expect((await signUp(ip)).errors).toBeUndefined();
    const refused = await signUp(ip);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_SIGN_UPS' });
    const seconds = refused.errors?.[0]?.extensions?.retryAfterSeconds as number;
    expect(seconds).toBeGreaterThan(3_000);
    expect(refused.headers.get('retry-after')).toBe(String(seconds));
    expect((await signUp(freshIp())).errors).toBeUndefined();
  });

  it('bounds concurrent argon2 work: a burst beyond the queue gets PASSWORD_CHECKS_BUSY, never an internal error', async () => {
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => post(gateway.url, { query: SIGN_IN, variables: { email: uniqueEmail('burst'), password: PASSWORD } }, { ip: freshIp() })),
    );
    const reasons = burst.map((r) => r.errors?.[0]?.extensions?.reason);
    expect(reasons.filter((r) => r === 'PASSWORD_CHECKS_BUSY').length).toBeGreaterThan(0);
    expect(reasons.every((r) => r === 'PASSWORD_CHECKS_BUSY' || r === 'WRONG_CREDENTIALS')).toBe(true);
    const busy = burst.find((r) => r.errors?.[0]?.extensions?.reason === 'PASSWORD_CHECKS_BUSY');
    expect(busy?.headers.get('retry-after')).toBe('1');
  });
});
