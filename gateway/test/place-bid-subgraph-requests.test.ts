import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, gql, placeBidAs, postTaskAs, signUpUser, uniqueOperationName, type TestUser } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { startCountingProxy, type CountingProxy, type ProxiedRequest } from './counting-proxy.js';
import { startTestGateway } from './test-gateway.js';

// Issue 12: a placeBid through our gateway costs the subgraphs what it costs through Hive
// Gateway, one bids request, once the gateway knows the bidder exists (issue 14, F4). Every
// subgraph request of a test gateway goes through a counting proxy to the real subgraphs; a
// change that adds a request per placeBid (a users question per request, an entity fetch, a
// check not remembered) fails here.

const BURST = 12;

/** The users one KnownUser question asked about. */
function askedAbout(req: ProxiedRequest): string[] {
  return (JSON.parse(req.body) as { variables: { representations: { id: string }[] } }).variables.representations.map((r) => r.id);
}

describe('subgraph requests per placeBid through a gateway that has not read the existing accounts', () => {
  let proxy: CountingProxy;
  let gateway: RunningGateway;
  let taskA: string;
  let taskB: string;
  let taskers: TestUser[];

  /** Places a bid through the counted gateway; the subgraph requests it caused, in order. */
  async function placeBid(tasker: TestUser, taskId: string, name: string): Promise<void> {
    const res = await gql<{ placeBid: { id: string; status: string } }>(
      `mutation ${name}($input: PlaceBidInput!) { placeBid(input: $input) { id status amount { amount currency } } }`,
      { input: { taskId, amount: { amount: 4_000, currency: 'USD' }, message: 'counted' } },
      { token: tasker.accessToken, url: gateway.url },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.placeBid.status).toBe('PENDING');
  }

  const since = (start: number) => proxy.requests.slice(start);
  const summary = (requests: readonly ProxiedRequest[]) => requests.map((r) => `${r.subgraph}:${r.operation.replace(/__.*$/, '')}`);

  beforeAll(async () => {
    const poster = await signUpUser({ roles: ['POSTER'] });
    [taskA, taskB] = await Promise.all([postTaskAs(poster), postTaskAs(poster)]);
    // Bidding has heard of both tasks (the stack's own gateway, so nothing is counted).
    const warm = await signUpUser({ roles: ['TASKER'] });
    for (const task of [taskA, taskB]) await placeBidAs(warm, task, 3_000);
    // Signed up before the counted gateway starts: it never hears of them from an event.
    taskers = await Promise.all(Array.from({ length: BURST + 1 }, () => signUpUser({ roles: ['TASKER'] })));
    proxy = await startCountingProxy();
    // Without the start-up read of existing accounts: these tests are about the users it did not read.
    gateway = await startTestGateway({ ...proxy.env, KNOWN_USERS_PRELOAD_MAX: '0' });
  });

  afterAll(async () => {
    await gateway?.stop();
    await proxy?.close();
  });

  it('costs one bids request, after one users question for a bidder the gateway has never seen', async () => {
    const [tasker] = taskers as [TestUser];
    const first = proxy.requests.length;
    const name = uniqueOperationName('CountedBid');
    await placeBid(tasker, taskA, name);
    expect(summary(since(first))).toEqual(['users:KnownUser', `bids:${name}`]);

    const second = proxy.requests.length;
    const again = uniqueOperationName('CountedBidAgain');
    await placeBid(tasker, taskB, again);
    expect(summary(since(second))).toEqual([`bids:${again}`]);
  });

  it('asks about each of a burst of new bidders at most once, and a second burst costs only bids', async () => {
    const burst = taskers.slice(1);
    const first = proxy.requests.length;
    const name = uniqueOperationName('BurstBid');
    await Promise.all(burst.map((tasker) => placeBid(tasker, taskA, name)));
    const firstBurst = since(first);
    const questions = firstBurst.filter((r) => r.subgraph === 'users');
    expect(questions.every((r) => r.operation === 'KnownUser')).toBe(true);
    // Each bidder asked about exactly once (several per question when they arrived together).
    expect(questions.flatMap(askedAbout).sort()).toEqual(burst.map((t) => t.id).sort());
    expect(firstBurst.filter((r) => r.subgraph === 'bids')).toHaveLength(BURST);
    expect(firstBurst).toHaveLength(BURST + questions.length);

    const second = proxy.requests.length;
    const again = uniqueOperationName('BurstBidAgain');
    await Promise.all(burst.map((tasker) => placeBid(tasker, taskB, again)));
    expect(summary(since(second))).toEqual(Array.from({ length: BURST }, () => `bids:${again}`));
  });

  it('never asks about a user who signed up while it ran: users vouched for them in the sign-up event', async () => {
    const newcomer = await signUpUser({ roles: ['TASKER'] });
    await eventually(
      async () => gateway.knownUsers.knows(newcomer.id),
      (known) => known,
      { what: 'the gateway to hear users.user.signed_up', timeoutMs: 20_000 },
    );
    const start = proxy.requests.length;
    const name = uniqueOperationName('NewcomerBid');
    await placeBid(newcomer, taskA, name);
    expect(summary(since(start))).toEqual([`bids:${name}`]);
  });
});
