import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually, gqlOk, liveConnection, postTaskAs, signUpUser, wsUrlOf, type LiveConnection, type TestUser } from '@sx/testkit';
import { startTestGateway } from '../../gateway/test/test-gateway.js';
import type { RunningGateway } from '../../gateway/src/server.js';
import { freshIp } from './edge-harness.js';

// F10 of issue 14: WebSockets have limits, subscriptions name tasks that exist, and signing out
// closes the user's sockets on every gateway instance.

const limits = { WS_MAX_SOCKETS_PER_USER: '3', WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '5', TRUST_PROXY: 'loopback' };
let gateway: RunningGateway;
let other: RunningGateway;
const open: LiveConnection[] = [];
const connect = (token: string, url = gateway.url) => {
  const connection = liveConnection(url, { token });
  open.push(connection);
  return connection;
};

beforeAll(async () => {
  [gateway, other] = await Promise.all([startTestGateway(limits, { limits: 'defaults' }), startTestGateway(limits, { limits: 'defaults' })]);
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.dispose()));
  await Promise.all([gateway?.stop(), other?.stop()]);
});

/** Opens a raw graphql-ws socket as a client at `ip`: its close code, or the HTTP status of a refused upgrade. */
function rawAttempt(url: string, ip: string): Promise<{ upgraded: boolean; status?: number; retryAfter?: string }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(wsUrlOf(url), 'graphql-transport-ws', { headers: { 'x-forwarded-for': ip } });
    socket.on('open', () => {
      socket.close();
      resolve({ upgraded: true });
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve({ upgraded: false, status: res.statusCode, retryAfter: String(res.headers['retry-after']) });
      socket.terminate();
    });
    socket.on('error', () => undefined);
  });
}

describe('WebSocket limits', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await signUpUser();
  });

  it('closes a fourth socket of one user with 4429, keeps the first three, and lets another user in', async () => {
    const sockets = [connect(user.accessToken), connect(user.accessToken), connect(user.accessToken)];
    for (const s of sockets) s.subscribe('subscription { paymentEvents { kind } }');
    await eventually(async () => gateway.live.hub.count('paymentEvents'), (n) => n >= 3, { what: 'three subscriptions' });
    const fourth = await connect(user.accessToken).closed;
    expect(fourth.code).toBe(4429);
    expect(fourth.reason).toMatch(/at most 3/);

    const someoneElse = await signUpUser();
    connect(someoneElse.accessToken).subscribe('subscription { paymentEvents { kind } }');
    await eventually(async () => gateway.live.hub.count('paymentEvents'), (n) => n >= 4, { what: 'the other user' });
    await Promise.all(sockets.map((s) => s.dispose()));
  });

  it('refuses a sixth subscription on one socket with TOO_MANY_SUBSCRIPTIONS and keeps the socket', async () => {
    const poster = await signUpUser({ roles: ['POSTER'] });
    const taskId = await postTaskAs(poster);
    const socket = connect(poster.accessToken);
    const feeds = Array.from({ length: 6 }, () => socket.subscribe('subscription($id: ID!) { taskEvents(taskId: $id) { kind } }', { id: taskId }));
    await eventually(async () => feeds.filter((f) => f.errors.length > 0).length, (n) => n >= 1, { what: 'a refused subscription' });
    const refused = feeds.filter((f) => f.errors.length > 0);
    expect(refused).toHaveLength(1);
    expect(JSON.stringify(refused[0]?.errors)).toContain('TOO_MANY_SUBSCRIPTIONS');
    // Completing one makes room again on the same socket.
    feeds[0]?.stop();
    const again = socket.subscribe('subscription { paymentEvents { kind } }');
    await eventually(async () => gateway.live.hub.count('paymentEvents'), (n) => n >= 1, { what: 'a seventh after one completed' });
    expect(again.errors).toEqual([]);
  });

  it('refuses a subscription to a task that does not exist, or to a malformed id, with TASK_NOT_FOUND', async () => {
    const socket = connect(user.accessToken);
    const missing = socket.subscribe('subscription { bidEvents(taskId: "7c9e6679-7425-40de-944b-e07fc1f90ae7") { kind } }');
    const malformed = socket.subscribe('subscription { taskEvents(taskId: "not-a-task") { kind } }');
    await eventually(async () => missing.errors.length + malformed.errors.length, (n) => n >= 2, { what: 'two refusals' });
    expect(JSON.stringify(missing.errors)).toContain('TASK_NOT_FOUND');
    expect(JSON.stringify(malformed.errors)).toContain('TASK_NOT_FOUND');
  });

  it('answers too many connection attempts from one address with HTTP 429 and Retry-After; other addresses connect', async () => {
    const attempts = await startTestGateway({ WS_CONNECT_ATTEMPTS_PER_IP: '5', TRUST_PROXY: 'loopback' }, { limits: 'defaults' });
    try {
      const ip = freshIp();
      for (let i = 0; i < 5; i++) expect((await rawAttempt(attempts.url, ip)).upgraded).toBe(true);
      const refused = await rawAttempt(attempts.url, ip);
      expect(refused).toMatchObject({ upgraded: false, status: 429 });
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      expect((await rawAttempt(attempts.url, freshIp())).upgraded).toBe(true);
    } finally {
      await attempts.stop();
    }
  });
});

describe('signing out', () => {
  it("closes the user's sockets on every gateway instance with 4401, and leaves other users' alone", async () => {
    const [user, bystander] = await Promise.all([signUpUser(), signUpUser()]);
    const onFirst = connect(user.accessToken);
    const onOther = connect(user.accessToken, other.url);
    const untouched = connect(bystander.accessToken, other.url);
    for (const c of [onFirst, onOther, untouched]) c.subscribe('subscription { paymentEvents { kind } }');
    await eventually(async () => [gateway.live.hub.count('paymentEvents'), other.live.hub.count('paymentEvents')], ([a, b]) => (a ?? 0) >= 1 && (b ?? 0) >= 2, {
      what: 'the subscriptions on both instances',
    });
    const otherBefore = other.live.hub.count('paymentEvents');

    await gqlOk(`mutation($t: String!) { signOut(refreshToken: $t) }`, { t: user.refreshToken });
    const [first, second] = await Promise.all([onFirst.closed, onOther.closed]);
    expect(first).toEqual({ code: 4401, reason: 'Signed out: sign in again' });
    expect(second).toEqual({ code: 4401, reason: 'Signed out: sign in again' });
    await eventually(async () => other.live.hub.count('paymentEvents'), (n) => n === otherBefore - 1, { what: "the signed-out user's subscription gone" });
  });
});
