import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpUser, type TestUser } from '@sx/testkit';
import { startTestGateway } from '../../gateway/test/test-gateway.js';
import type { RunningGateway } from '../../gateway/src/server.js';
import { freshIp, post } from './edge-harness.js';

// Issue 14, "a general rate limit at the gateway": every request spends its cost from a budget
// in Redis, a signed-in user's own or, signed out, the address's; the budget is shared by
// every gateway instance. Small budgets here so a test can spend one.

const TEN_TASKS = '{ tasks(first: 10) { edges { node { id title } } } }'; // 1 + 10 × 4 = 41
const CHEAP = '{ __typename }'; // 1

const budgets = { RATE_LIMIT_IP_POINTS: '60', RATE_LIMIT_USER_POINTS: '100', RATE_LIMIT_WINDOW_SECONDS: '60', TRUST_PROXY: 'loopback' };
const sharedPrefix = `sx:test-budget:${randomUUID()}:`;
let first: RunningGateway;
let second: RunningGateway;
let user: TestUser;
beforeAll(async () => {
  [first, second, user] = await Promise.all([
    startTestGateway({ ...budgets, RATE_LIMIT_KEY_PREFIX: sharedPrefix }, { limits: 'defaults' }),
    startTestGateway({ ...budgets, RATE_LIMIT_KEY_PREFIX: sharedPrefix }, { limits: 'defaults' }),
    signUpUser(),
  ]);
});
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
});

describe('the request budget', () => {
  it('refuses a request the address can no longer pay for with 429, TOO_MANY_REQUESTS and Retry-After', async () => {
    const ip = freshIp();
    expect((await post(first.url, { query: TEN_TASKS }, { ip })).errors).toBeUndefined();
    const refused = await post(first.url, { query: TEN_TASKS }, { ip });
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_REQUESTS' });
    const seconds = refused.errors?.[0]?.extensions?.retryAfterSeconds as number;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(refused.headers.get('retry-after')).toBe(String(seconds));
    expect(refused.errors?.[0]?.message).toContain('costs 41');
  });

  it('charges cost, not requests: what is left pays for many cheap ones', async () => {
    const ip = freshIp();
    expect((await post(first.url, { query: TEN_TASKS }, { ip })).errors).toBeUndefined();
    for (let i = 0; i < 19; i++) expect((await post(first.url, { query: CHEAP }, { ip })).status).toBe(200);
    expect((await post(first.url, { query: CHEAP }, { ip })).status).toBe(429);
  });

  it('gives another address, and a signed-in user at the spent address, budgets of their own', async () => {
    const ip = freshIp();
    await post(first.url, { query: TEN_TASKS }, { ip });
    expect((await post(first.url, { query: TEN_TASKS }, { ip })).status).toBe(429);
    expect((await post(first.url, { query: TEN_TASKS }, { ip: freshIp() })).errors).toBeUndefined();
    expect((await post(first.url, { query: TEN_TASKS }, { ip, token: user.accessToken })).errors).toBeUndefined();
  });

  it('is one budget over every gateway instance (Redis)', async () => {
    const ip = freshIp();
    expect((await post(first.url, { query: TEN_TASKS }, { ip })).errors).toBeUndefined();
    expect((await post(second.url, { query: TEN_TASKS }, { ip })).status).toBe(429);
  });
});
