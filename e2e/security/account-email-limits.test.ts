import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpUser } from '@sx/testkit';
import { startTestGateway } from '../../gateway/test/test-gateway.js';
import type { RunningGateway } from '../../gateway/src/server.js';
import { freshIp, post, startOwnUsers, uniqueEmail, type EdgeResponse } from './edge-harness.js';

// Issue 16, "both flows are rate-limited": per address, in Redis, on requestPasswordReset and on
// the two mutations that spend a mailed token (verifyEmail, resetPassword), with users' defaults.

const REQUEST = `mutation($email: String!) { requestPasswordReset(email: $email) }`;
const VERIFY = `mutation($token: String!) { verifyEmail(token: $token) }`;
const RESET = `mutation($input: ResetPasswordInput!) { resetPassword(input: $input) }`;
const BOGUS_TOKEN = 'not-a-token-anyone-was-ever-sent-0123456789';

const extensionsOf = (r: EdgeResponse) => r.errors?.[0]?.extensions;

function expectRefused(r: EdgeResponse, reason: string): void {
  expect(extensionsOf(r)).toMatchObject({ code: 'RATE_LIMITED', reason });
  const seconds = extensionsOf(r)?.retryAfterSeconds as number;
  // The window is an hour: the wait is most of it, and the header says the same.
  expect(seconds).toBeGreaterThan(3_000);
  expect(r.headers.get('retry-after')).toBe(String(seconds));
}

describe('account-email limits (users with its default limits)', () => {
  let users: { url: string; stop: () => Promise<void> };
  let gateway: RunningGateway;
  beforeAll(async () => {
    users = await startOwnUsers();
    gateway = await startTestGateway({ USERS_URL: users.url, TRUST_PROXY: 'loopback' });
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
    await users?.stop();
  });

  it('refuses the eleventh reset request from one address within the hour, alike for known and unknown emails', async () => {
    const known = await signUpUser();
    const ip = freshIp();
    const request = (email: string) => post(gateway.url, { query: REQUEST, variables: { email } }, { ip });
    for (let i = 1; i <= 10; i++) {
      const answer = await request(i % 2 ? known.email : uniqueEmail('nobody'));
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ requestPasswordReset: true });
    }
    const forKnown = await request(known.email);
    const forUnknown = await request(uniqueEmail('nobody'));
    expectRefused(forKnown, 'TOO_MANY_PASSWORD_RESET_REQUESTS');
    expect(forUnknown.status).toBe(forKnown.status);
    expect(extensionsOf(forUnknown)?.reason).toBe('TOO_MANY_PASSWORD_RESET_REQUESTS');
    expect(forUnknown.errors?.[0]?.message.replace(/\d+ seconds/, 'N seconds')).toBe(forKnown.errors?.[0]?.message.replace(/\d+ seconds/, 'N seconds'));
    // Another address is not held back by this one.
    expect((await post(gateway.url, { query: REQUEST, variables: { email: known.email } }, { ip: freshIp() })).errors).toBeUndefined();
  });

  it('refuses the twenty-first mailed-link attempt from one address, over verifyEmail and resetPassword together', async () => {
    const ip = freshIp();
    const verify = () => post(gateway.url, { query: VERIFY, variables: { token: BOGUS_TOKEN } }, { ip });
    const reset = () => post(gateway.url, { query: RESET, variables: { input: { token: BOGUS_TOKEN, newPassword: 'a brand new passphrase' } } }, { ip });
    for (let i = 1; i <= 20; i++) expect(extensionsOf(await (i % 2 ? verify() : reset()))?.reason).toBe('INVALID_ACCOUNT_TOKEN');
    expectRefused(await verify(), 'TOO_MANY_ACCOUNT_LINK_ATTEMPTS');
    expectRefused(await reset(), 'TOO_MANY_ACCOUNT_LINK_ATTEMPTS');
    // The reset-request budget of the same address is its own.
    expect((await post(gateway.url, { query: REQUEST, variables: { email: uniqueEmail('nobody') } }, { ip })).errors).toBeUndefined();
    expect(extensionsOf(await post(gateway.url, { query: VERIFY, variables: { token: BOGUS_TOKEN } }, { ip: freshIp() }))?.reason).toBe('INVALID_ACCOUNT_TOKEN');
  });
});
