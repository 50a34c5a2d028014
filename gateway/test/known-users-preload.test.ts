import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '@sx/runtime';
import { gql, placeBidAs, postTaskAs, signUpUser, stackInfo, uniqueOperationName, type TestUser } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { startCountingProxy, type CountingProxy, type ProxiedRequest } from './counting-proxy.js';
import { startTestGateway } from './test-gateway.js';

// Issue 12: a gateway reads which accounts exist at start-up, so a user who signed up before it
// started (no sign-up event reaches it) costs no users question on their first request — the
// cost every bidder of the bench's placeBid paid — while a token for an account that does not
// exist is still refused. Every subgraph request goes through a counting proxy to the real
// subgraphs, so the test sees exactly what users was asked.

const summary = (requests: readonly ProxiedRequest[]) => requests.map((r) => `${r.subgraph}:${r.operation.replace(/__.*$/, '')}`);

describe('a gateway started after its users signed up', () => {
  let proxy: CountingProxy;
  let gateway: RunningGateway;
  let taskId: string;
  let bidders: TestUser[];

  beforeAll(async () => {
    const poster = await signUpUser({ roles: ['POSTER'] });
    taskId = await postTaskAs(poster);
    // Bidding has heard of the task (the stack's own gateway, so nothing is counted).
    await placeBidAs(await signUpUser({ roles: ['TASKER'] }), taskId, 3_000);
    bidders = await Promise.all([signUpUser({ roles: ['TASKER'] }), signUpUser({ roles: ['TASKER'] })]);
    proxy = await startCountingProxy();
    gateway = await startTestGateway({ ...proxy.env, KNOWN_USERS_PRELOAD_MAX: '100000' });
  });

  afterAll(async () => {
    await gateway?.stop();
    await proxy?.close();
  });

  it('read the existing accounts from users in pages, without asking about any one of them', async () => {
    const added = await gateway.knownUsersPreloaded;
    expect(added).toBeGreaterThanOrEqual(bidders.length);
    const toUsers = proxy.requests.filter((r) => r.subgraph === 'users');
    expect(toUsers.length).toBeGreaterThan(0);
    expect(toUsers.every((r) => r.operation === 'KnownAccountIds')).toBe(true);
    for (const bidder of bidders) expect(gateway.knownUsers.knows(bidder.id)).toBe(true);
  });

  it("costs one bids request on an existing user's first signed-in request: no users question", async () => {
    await gateway.knownUsersPreloaded;
    const [bidder] = bidders as [TestUser];
    const start = proxy.requests.length;
    const name = uniqueOperationName('PreloadedBid');
    const res = await gql<{ placeBid: { status: string } }>(
      `mutation ${name}($input: PlaceBidInput!) { placeBid(input: $input) { id status } }`,
      { input: { taskId, amount: { amount: 4_000, currency: 'USD' }, message: 'known from the start-up read' } },
      { token: bidder.accessToken, url: gateway.url },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.placeBid.status).toBe('PENDING');
    expect(summary(proxy.requests.slice(start))).toEqual([`bids:${name}`]);
  });

  it('still refuses a genuine token for an account that does not exist, after asking users, and reaches no other subgraph', async () => {
    await gateway.knownUsersPreloaded;
    const ghost = randomUUID();
    const token = await signAccessToken({ userId: ghost, roles: ['POSTER', 'TASKER'] }, stackInfo().secrets.jwtSecret);
    const start = proxy.requests.length;
    const res = await gql(`query ${uniqueOperationName('GhostRead')} { me { id } }`, {}, { token, url: gateway.url });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.['reason']).toBe('ACCOUNT_UNAVAILABLE');
    expect(summary(proxy.requests.slice(start))).toEqual(['users:KnownUser']);
  });
});
