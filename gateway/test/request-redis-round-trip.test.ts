import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createRedis, type Redis } from '@sx/runtime';
import { eventually, gql, gqlOk, signUpUser, stackInfo, type TestUser } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { startTestGateway } from './test-gateway.js';

// Issue 12: a signed-in request costs the gateway one Redis round trip — whether its session was
// signed out, and its request budget, in one script — where it cost two (the ended-session
// EXISTS, then the budget). The guard is the same: a signed-out session is refused on its next
// request, and budgets are still spent and enforced. A MONITOR connection sees every command
// the gateway sends; a marker command sent after each answer says when all of them have arrived.

const TEN_TASKS = '{ tasks(first: 10) { edges { node { id title } } } }'; // costs 41
const BUDGET = { RATE_LIMIT_USER_POINTS: '100', RATE_LIMIT_IP_POINTS: '100', RATE_LIMIT_WINDOW_SECONDS: '60' };

let gateway: RunningGateway;
let prefix: string;
let redis: Redis;
let monitor: Awaited<ReturnType<Redis['monitor']>>;
/** Every command a client sent Redis since the monitor started, as its arguments. */
const commands: string[][] = [];

const sessionOf = (token: string) => String(decodeJwt(token)['sid']);
const endedKey = (token: string) => `ended-session:${sessionOf(token)}`;

/** The commands Redis ran for `send`, that mention one of `needles` (keys of this test only). */
async function commandsDuring(send: () => Promise<unknown>, needles: readonly string[]): Promise<string[][]> {
  const start = commands.length;
  await send();
  // Redis runs commands in order: once the marker shows, every command the gateway sent before answering has.
  const marker = `sx:test-marker:${randomUUID()}`;
  await redis.exists(marker);
  await eventually(async () => commands.slice(start).some((args) => args.includes(marker)), (seen) => seen, { what: 'the marker in MONITOR' });
  return commands.slice(start).filter((args) => args.some((arg) => needles.some((needle) => arg.includes(needle))));
}

beforeAll(async () => {
  prefix = `sx:test-round-trip:${randomUUID()}:`;
  gateway = await startTestGateway({ ...BUDGET, RATE_LIMIT_KEY_PREFIX: prefix }, { limits: 'defaults' });
  redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', createLogger('test-round-trip', 'warn'));
  monitor = await redis.duplicate().monitor();
  // Commands a script runs show in MONITOR too, from source "lua": they are not round trips.
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (source !== 'lua') commands.push(args);
  });
});

afterAll(async () => {
  await gateway?.stop();
  monitor?.disconnect();
  await redis?.quit();
});

describe('Redis per signed-in request', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await signUpUser();
  });

  it('is one command: the session check and the budget charge in one script', async () => {
    const sent = await commandsDuring(() => gqlOk('{ me { id } }', {}, { token: user.accessToken, url: gateway.url }), [prefix, endedKey(user.accessToken)]);
    expect(sent).toHaveLength(1);
    const [script] = sent as [string[]];
    expect(script[0]?.toLowerCase()).toMatch(/^eval(sha)?$/);
    expect(script).toContain(`${prefix}budget:user:${user.id}`);
    expect(script.some((arg) => arg.endsWith(endedKey(user.accessToken)))).toBe(true);
  });

  it('is one command for an anonymous request too (the address budget)', async () => {
    const sent = await commandsDuring(() => gqlOk(TEN_TASKS, {}, { url: gateway.url }), [prefix]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.some((arg) => arg.startsWith(`${prefix}budget:ip:`))).toBe(true);
  });
});

describe('a session signed out', () => {
  it('is refused on its next request (401, SESSION_ENDED), charges nothing, and the budget still holds for the other sessions', async () => {
    const user = await signUpUser();
    const other = await gqlOk<{ signIn: { accessToken: string } }>('mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { accessToken } }', {
      email: user.email,
      password: user.password,
    });
    await gqlOk('mutation($refreshToken: String!) { signOut(refreshToken: $refreshToken) }', { refreshToken: user.refreshToken });
    // Waited for through the stack's own gateway: its budgets are not this gateway's.
    await eventually(() => gql('{ __typename }', {}, { token: user.accessToken }), (res) => res.status === 401, { what: 'the sign-out to reach the gateways' });

    for (let i = 0; i < 3; i += 1) {
      const refused = await gql(TEN_TASKS, {}, { token: user.accessToken, url: gateway.url });
      expect(refused.status).toBe(401);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
      expect(refused.data ?? null).toBeNull();
    }
    // The user's budget (100) was not touched by the refusals: two requests of 41 pass, a third is refused.
    const token = other.signIn.accessToken;
    expect((await gql(TEN_TASKS, {}, { token, url: gateway.url })).errors).toBeUndefined();
    expect((await gql(TEN_TASKS, {}, { token, url: gateway.url })).errors).toBeUndefined();
    const spent = await gql(TEN_TASKS, {}, { token, url: gateway.url });
    expect(spent.status).toBe(429);
    expect(spent.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_REQUESTS' });
    // The signed-out session is still refused as such once the budget is spent.
    expect((await gql(TEN_TASKS, {}, { token: user.accessToken, url: gateway.url })).errors?.[0]?.extensions?.['reason']).toBe('SESSION_ENDED');
  });
});
