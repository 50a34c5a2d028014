import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signAccessToken } from '@sx/runtime';
import { eventually, liveConnection, signUpUser, wsUrlOf, type LiveConnection, type TestUser, stackInfo, scrapeMetrics } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { gatewayPath, startTestGateway } from './test-gateway.js';

// Who may open a graphql-ws connection on the gateway, and what it may send.

let gw: RunningGateway;
let user: TestUser;
const open: LiveConnection[] = [];
const connect = (opts: { token?: string | null; origin?: string }) => {
  const c = liveConnection(gw.url, opts);
  open.push(c);
  return c;
};

beforeAll(async () => {
  gw = await startTestGateway({ WS_INIT_TIMEOUT_MS: '300', CORS_ORIGINS: 'http://localhost:5173' });
  user = await signUpUser();
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.dispose()));
  await gw.stop();
});

describe('graphql-ws connections on /graphql', () => {
  it('closes a connection without a token with 4401 and says how to send one', async () => {
    const closed = await connect({ token: null }).closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/authorization.*Bearer/);
  });

  it('closes a connection with a forged or expired token with 4401', async () => {
    const forged = await signAccessToken({ userId: user.id, roles: ['ADMIN'] }, 'someone-elses-secret-0123456789abcdefgh');
    expect((await connect({ token: forged }).closed).code).toBe(4401);
    const expired = await signAccessToken({ userId: user.id, roles: ['TASKER'] }, stackInfo().secrets.jwtSecret, -10);
    const closed = await connect({ token: expired }).closed;
    expect(closed).toEqual({ code: 4401, reason: expect.stringMatching(/expired/) as unknown as string });
  });

  it('closes a connection when its token expires, so the client reconnects with a fresh one', async () => {
    const shortLived = await signAccessToken({ userId: user.id, roles: ['TASKER'] }, stackInfo().secrets.jwtSecret, 2);
    const conn = connect({ token: shortLived });
    const feed = conn.subscribe(`subscription { paymentEvents { kind } }`);
    const closed = await conn.closed;
    expect(closed).toEqual({ code: 4401, reason: expect.stringMatching(/expired/) as unknown as string });
    expect(feed.errors).toEqual([]);
  });

  it('refuses browsers from origins outside the CORS allow-list with 4403, and admits listed ones and its own pages', async () => {
    const refused = await connect({ token: user.accessToken, origin: 'https://evil.example' }).closed;
    expect(refused.code).toBe(4403);
    const before = gw.live.hub.count('paymentEvents');
    connect({ token: user.accessToken, origin: 'http://localhost:5173' }).subscribe(`subscription { paymentEvents { kind } }`);
    // GraphiQL, served by the gateway itself, connects from the gateway's own origin.
    connect({ token: user.accessToken, origin: new URL(gw.url).origin }).subscribe(`subscription { paymentEvents { kind } }`);
    await eventually(async () => gw.live.hub.count('paymentEvents'), (n) => n === before + 2, { what: 'both subscriptions' });
  });

  it('closes a socket that does not send ConnectionInit in time with 4408', async () => {
    const socket = new WebSocket(wsUrlOf(gw.url), 'graphql-transport-ws');
    const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
    expect(code).toBe(4408);
  });

  it('answers queries, mutations, invalid documents and unknown fields with errors, keeping the socket open', async () => {
    const conn = connect({ token: user.accessToken });
    const query = conn.subscribe(`query { me { id } }`);
    const unknown = conn.subscribe(`subscription { bidEvents(taskId: "x") { nope } }`);
    const missingArg = conn.subscribe(`subscription { bidEvents { kind } }`);
    await eventually(async () => [query, unknown, missingArg].every((f) => f.errors.length > 0), Boolean, { what: 'three errors' });
    expect(JSON.stringify(query.errors)).toMatch(/subscriptions only.*HTTP/);
    expect(JSON.stringify(unknown.errors)).toMatch(/Cannot query field .*nope.* on type .*BidEvent/);
    expect(JSON.stringify(missingArg.errors)).toMatch(/taskId/);
    // The same socket still serves a valid subscription.
    const before = gw.live.hub.count('paymentEvents');
    conn.subscribe(`subscription { paymentEvents { kind } }`);
    await eventually(async () => gw.live.hub.count('paymentEvents'), (n) => n === before + 1, { what: 'the subscription' });
  });

  it('reports connections, subscriptions and refusals in /metrics', async () => {
    const text = await scrapeMetrics(gw.url);
    expect(text).toMatch(/^sx_live_connections\{[^}]*\} [1-9]/m);
    expect(text).toMatch(/^sx_live_subscriptions\{[^}]*field="paymentEvents"[^}]*\} [1-9]/m);
    expect(text).toMatch(/^sx_live_refused_connections_total\{[^}]*reason="origin"[^}]*\} 1/m);
    expect(text).toMatch(/^sx_live_refused_connections_total\{[^}]*reason="no_token"[^}]*\} 1/m);
    expect(text).toMatch(/^# TYPE sx_live_deliveries_total counter/m);
  });
});
