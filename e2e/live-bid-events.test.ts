import { describe, expect, it } from 'vitest';
import { eventually, placeBidAs, postTaskAs, requestsForOperation, signUpUser, uniqueOperationName } from '@sx/testkit';
import { useLiveGateway } from './live-harness.js';

// bidEvents through a real gateway over graphql-ws: payloads carry fields of bids, users and
// reviews, and each person sees only the bids they may see.

const { connect, subscribed, count: subscriptions } = useLiveGateway();

interface BidEventPayload {
  bidEvents: {
    kind: string;
    cursor: string;
    bid: { id: string; amount: { amount: number }; status: string; tasker: { id: string; name: string; rating: { average: number | null; count: number } } };
  };
}
const BID_EVENTS = `subscription($taskId: ID!) { bidEvents(taskId: $taskId) {
  kind cursor bid { id amount { amount } status tasker { id name rating { average count } } } } }`;

describe('Subscription.bidEvents', () => {
  it('tells the poster of every bid and each tasker of their own, with fields of three subgraphs', async () => {
    const [poster, tina, tom, outsider] = await Promise.all([
      signUpUser({ roles: ['POSTER'], name: 'Live Poster' }),
      signUpUser({ roles: ['TASKER'], name: 'Tina Live' }),
      signUpUser({ roles: ['TASKER'], name: 'Tom Live' }),
      signUpUser({ roles: ['TASKER'], name: 'Olga Outsider' }),
    ]);
    const taskId = await postTaskAs(poster);
    const before = subscriptions('bidEvents');
    const posterFeed = connect(poster.accessToken).subscribe<BidEventPayload>(BID_EVENTS, { taskId });
    const tomFeed = connect(tom.accessToken).subscribe<BidEventPayload>(BID_EVENTS, { taskId });
    const outsiderOperation = uniqueOperationName('Outsider');
    const outsiderFeed = connect(outsider.accessToken).subscribe<BidEventPayload>(BID_EVENTS.replace('subscription(', `subscription ${outsiderOperation}(`), { taskId });
    await subscribed('bidEvents', before + 3);

    const tinaBid = await placeBidAs(tina, taskId, 9_000);
    const tomBid = await placeBidAs(tom, taskId, 9_500);
    const outsiderBid = await placeBidAs(outsider, taskId, 9_900);

    const posterEvents = await posterFeed.waitFor(3);
    expect(posterEvents.map((e) => [e.bidEvents.kind, e.bidEvents.bid.id])).toEqual([
      ['PLACED', tinaBid],
      ['PLACED', tomBid],
      ['PLACED', outsiderBid],
    ]);
    expect(posterEvents[0]?.bidEvents.bid).toEqual({
      id: tinaBid,
      amount: { amount: 9_000 },
      status: 'PENDING',
      tasker: { id: tina.id, name: 'Tina Live', rating: { average: null, count: 0 } },
    });
    expect(new Set(posterEvents.map((e) => e.bidEvents.cursor)).size).toBe(3);

    // Each tasker's first event is their own bid: events reach a subscriber in stream order,
    // so the bids placed before it (Tina's) were never delivered to them.
    const [tomFirst] = await tomFeed.waitFor(1);
    expect(tomFirst?.bidEvents.bid.id).toBe(tomBid);
    const [outsiderFirst] = await outsiderFeed.waitFor(1);
    expect(outsiderFirst?.bidEvents.bid.id).toBe(outsiderBid);
    expect(tomFeed.events).toHaveLength(1);
    expect(outsiderFeed.events).toHaveLength(1);
    // The events name the poster and the tasker, so the gateway never even asked bids about
    // the others' bids for the outsider: one preflight at subscribe time, one for their own bid.
    expect(await requestsForOperation('bids', `SxLive_${outsiderOperation}`)).toBe(2);
  });

  it('builds each payload once per selection and viewer, however many subscribers share it', async () => {
    const [poster, tasker] = await Promise.all([signUpUser({ roles: ['POSTER'] }), signUpUser({ roles: ['TASKER'] })]);
    const SUBGRAPHS = ['bids', 'users', 'reviews'] as const;
    /** Subgraph requests for one bid event delivered to `subscribers` connections of the poster. */
    async function requestsForOneEvent(subscribers: number): Promise<Record<string, number>> {
      const taskId = await postTaskAs(poster);
      const name = uniqueOperationName('Shared');
      const query = `subscription ${name}($taskId: ID!) { bidEvents(taskId: $taskId) { kind bid { amount { amount } tasker { name rating { average } } } } }`;
      const before = subscriptions('bidEvents');
      const feeds = Array.from({ length: subscribers }, () => connect(poster.accessToken).subscribe<BidEventPayload>(query, { taskId }));
      await subscribed('bidEvents', before + subscribers);
      // Subscribing checked the selection once (a preflight); count from here.
      const count = async () => Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s, await requestsForOperation(s, `SxLive_${name}`)] as const)));
      const baseline = await count();
      await placeBidAs(tasker, taskId, 5_000);
      await Promise.all(feeds.map((f) => f.waitFor(1)));
      const after = await count();
      const counts = Object.fromEntries(SUBGRAPHS.map((s) => [s, (after[s] ?? 0) - (baseline[s] ?? 0)]));
      for (const f of feeds) f.stop();
      return counts;
    }
    const one = await requestsForOneEvent(1);
    const many = await requestsForOneEvent(15);
    // bids builds the event, users the tasker's name, reviews the rating: one request each.
    expect(one).toEqual({ bids: 1, users: 1, reviews: 1 });
    expect(many).toEqual(one);
  });

  it('resumes from a cursor: the events missed while away first, in order, then live ones', async () => {
    const [poster, ...taskers] = await Promise.all([signUpUser({ roles: ['POSTER'] }), ...Array.from({ length: 4 }, () => signUpUser({ roles: ['TASKER'] }))]);
    const [t1, t2, t3, t4] = taskers as [typeof poster, typeof poster, typeof poster, typeof poster];
    const taskId = await postTaskAs(poster);
    const first = connect(poster.accessToken);
    const before = subscriptions('bidEvents');
    const feed = first.subscribe<BidEventPayload>(BID_EVENTS, { taskId });
    await subscribed('bidEvents', before + 1);
    const bid1 = await placeBidAs(t1, taskId, 1_000);
    const [seen] = await feed.waitFor(1);
    expect(seen?.bidEvents.bid.id).toBe(bid1);
    await first.dispose();
    await eventually(async () => subscriptions('bidEvents'), (n) => n === before, { what: 'the first subscription to end' });

    // Away: two more bids.
    const bid2 = await placeBidAs(t2, taskId, 2_000);
    const bid3 = await placeBidAs(t3, taskId, 3_000);
    const countBefore = subscriptions('bidEvents');
    const resumed = connect(poster.accessToken).subscribe<BidEventPayload>(
      `subscription($taskId: ID!, $after: String) { bidEvents(taskId: $taskId, after: $after) { kind cursor bid { id amount { amount } status tasker { id name rating { average count } } } } }`,
      { taskId, after: seen?.bidEvents.cursor },
    );
    await subscribed('bidEvents', countBefore + 1);
    const bid4 = await placeBidAs(t4, taskId, 4_000);
    const events = await resumed.waitFor(3);
    expect(events.map((e) => e.bidEvents.bid.id)).toEqual([bid2, bid3, bid4]);
    // A cursor from the replay resumes just as well, and nothing arrives twice.
    expect(new Set(events.map((e) => e.bidEvents.cursor)).size).toBe(3);
    expect(resumed.events).toHaveLength(3);
  });

  it('refuses a cursor that is not one of its own', async () => {
    const poster = await signUpUser({ roles: ['POSTER'] });
    const taskId = await postTaskAs(poster);
    const feed = connect(poster.accessToken).subscribe(`subscription($t: ID!) { bidEvents(taskId: $t, after: "bm90LWEtY3Vyc29y") { kind } }`, { t: taskId });
    await eventually(async () => feed.errors.length, (n) => n > 0, { what: 'an error for the bad cursor' });
    expect(JSON.stringify(feed.errors)).toContain('BAD_USER_INPUT');
  });
});
