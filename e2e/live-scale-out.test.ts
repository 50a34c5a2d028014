import { describe, expect, it } from 'vitest';
import { placeBidAs, postTaskAs, signUpUser, stackInfo } from '@sx/testkit';
import { useLiveGateway } from './live-harness.js';

// Every gateway instance reads every event, so any instance serves any subscriber: a bid placed
// through the stack's gateway (instance A) reaches subscribers on a second instance (B), and
// A serves a subscriber just as well.

const { connect, subscribed, count } = useLiveGateway();

interface BidEventPayload {
  bidEvents: { kind: string; cursor: string; bid: { id: string; tasker: { name: string } } };
}
const BID_EVENTS = `subscription($taskId: ID!, $after: String) { bidEvents(taskId: $taskId, after: $after) { kind cursor bid { id tasker { name } } } }`;

describe('two gateway instances', () => {
  it('deliver a mutation made through one to subscribers on the other', async () => {
    const [poster, first, second] = await Promise.all([
      signUpUser({ roles: ['POSTER'] }),
      signUpUser({ roles: ['TASKER'], name: 'First Bidder' }),
      signUpUser({ roles: ['TASKER'], name: 'Second Bidder' }),
    ]);
    const taskId = await postTaskAs(poster);
    const before = count('bidEvents');
    const feedB = connect(poster.accessToken).subscribe<BidEventPayload>(BID_EVENTS, { taskId });
    await subscribed('bidEvents', before + 1);

    // placeBidAs goes through the stack's gateway: instance A.
    const firstBid = await placeBidAs(first, taskId, 3_000);
    const [onBFirst] = await feedB.waitFor(1);
    expect(onBFirst?.bidEvents).toMatchObject({ kind: 'PLACED', bid: { id: firstBid, tasker: { name: 'First Bidder' } } });

    // A subscriber on A, from B's cursor: it gets everything after it whenever it registers.
    const feedA = connect(poster.accessToken, stackInfo().gatewayUrl).subscribe<BidEventPayload>(BID_EVENTS, { taskId, after: onBFirst?.bidEvents.cursor });
    const secondBid = await placeBidAs(second, taskId, 3_100);
    const [onASecond] = await feedA.waitFor(1);
    const [, onBSecond] = await feedB.waitFor(2);
    expect(onASecond?.bidEvents).toMatchObject({ kind: 'PLACED', bid: { id: secondBid, tasker: { name: 'Second Bidder' } } });
    expect(onBSecond?.bidEvents).toEqual(onASecond?.bidEvents);
  });
});
