import { signAccessToken } from '@sx/runtime';
import { eventually, signUpUser, stackInfo } from '@sx/testkit';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  BidDetailFragmentDoc,
  BidEventsDocument,
  getFragmentData,
  memoryTokenStore,
  UpdateBidDocument,
  type BidEventsSubscription,
  type SxClient,
  type SxError,
} from '../src/index.js';
import { placeBidWhenKnown, postTask, signedUpClient, testClient, type TestClient } from './harness.js';

// Live bid events through the SDK against the real gateway (graphql-ws on /graphql).

type BidEvent = BidEventsSubscription['bidEvents'];

interface Watch {
  events: BidEvent[];
  errors: { error: SxError; ended: boolean }[];
  completed: boolean;
  stop: () => void;
}

function watchBids(sx: SxClient, taskId: string): Watch {
  const watch: Watch = { events: [], errors: [], completed: false, stop: () => undefined };
  watch.stop = sx.subscribe(BidEventsDocument, { taskId }, {
    next: (data) => watch.events.push(data.bidEvents),
    error: (error, { ended }) => watch.errors.push({ error, ended }),
    complete: () => {
      watch.completed = true;
    },
  });
  return watch;
}

/**
 * A new subscription has no "ready" signal: until the gateway has registered it, live events pass
 * it by. So the tasker changes their bid until every watch has received an event; from then on
 * each of them is live.
 */
async function untilLive(watches: Watch[], poke: () => Promise<void>): Promise<void> {
  await eventually(
    async () => {
      if (watches.some((w) => w.events.length === 0)) await poke();
      return watches.map((w) => w.events.length);
    },
    (counts) => counts.every((n) => n > 0),
    { intervalMs: 300, what: 'every subscription to receive an event' },
  );
}

async function updateBid(tasker: TestClient, bidId: string, message: string): Promise<void> {
  const res = await tasker.sx.request(UpdateBidDocument, { id: bidId, input: { message } });
  if (!res.ok) throw res.error;
}

const ids = (events: BidEvent[]) => events.map((e) => e.id);

describe('bid events through the SDK', () => {
  it('tells the poster about a bid another tasker places, with fields of other subgraphs', async () => {
    const poster = await signedUpClient('Polly Poster');
    const early = await signedUpClient('Eddie Early');
    const late = await signedUpClient('Lara Late');
    const taskId = await postTask(poster.sx, 'Hang three pictures');
    const watch = watchBids(poster.sx, taskId);
    const earlyBid = await placeBidWhenKnown(early.sx, taskId, 4_000);
    let n = 0;
    await untilLive([watch], () => updateBid(early, earlyBid.id, `poke ${++n}`));

    const lateBid = await placeBidWhenKnown(late.sx, taskId, 3_500);

    const placed = await eventually(
      async () => watch.events.find((e) => e.kind === 'PLACED' && e.bid.id === lateBid.id),
      (e) => e !== undefined,
      { what: 'the PLACED event of the late bid' },
    );
    expect(getFragmentData(BidDetailFragmentDoc, placed?.bid)).toMatchObject({
      id: lateBid.id,
      status: 'PENDING',
      amount: { amount: 3_500, currency: 'EUR' },
      tasker: { id: late.userId, name: 'Lara Late', rating: { count: 0 } },
    });
    expect(placed?.cursor).toEqual(expect.any(String));
    expect(watch.errors).toEqual([]);
    watch.stop();
    poster.sx.close();
  });

  it('resumes after the connection drops: every event arrives exactly once and in order', async () => {
    const poster = await signedUpClient('Rosa Resume');
    const tasker = await signedUpClient('Tim Tasker');
    const taskId = await postTask(poster.sx, 'Move a sofa upstairs');
    // The tasker watches their own bid on a connection that never drops: the reference stream.
    const watched = watchBids(poster.sx, taskId);
    const reference = watchBids(tasker.sx, taskId);
    const bid = await placeBidWhenKnown(tasker.sx, taskId, 9_000);
    let n = 0;
    const poke = () => updateBid(tasker, bid.id, `change ${++n}`);
    await untilLive([watched, reference], poke);

    for (let i = 0; i < 3; i++) await poke();
    await eventually(async () => watched.events.at(-1)?.id, (id) => id !== undefined && id === reference.events.at(-1)?.id && n >= 3, {
      what: 'both streams to agree before the drop',
    });
    const lastSeen = watched.events.at(-1);

    // The network goes down and the poster's socket dies; the bid changes meanwhile.
    poster.ws.network.up = false;
    for (const socket of poster.ws.sockets) socket.terminate();
    const referenceBefore = reference.events.length;
    for (let i = 0; i < 5; i++) await poke();
    await eventually(async () => reference.events.length, (len) => len >= referenceBefore + 5, { what: 'the changes to happen' });
    poster.ws.network.up = true;

    await eventually(async () => watched.events.at(-1)?.id, (id) => id === reference.events.at(-1)?.id, {
      what: 'the resumed stream to catch up',
    });
    // Each stream began when its subscription went live; from there on they must be the same.
    const [shorter, longer] = watched.events.length <= reference.events.length ? [watched, reference] : [reference, watched];
    expect(ids(longer.events).slice(-shorter.events.length)).toEqual(ids(shorter.events));
    expect(new Set(ids(watched.events)).size).toBe(watched.events.length);
    expect(ids(watched.events).slice(-5)).toEqual(ids(reference.events).slice(-5));
    // It resumed from the cursor of the last event it had seen, on a new connection.
    const resubscribe = poster.ws.subscribes().at(-1);
    expect(resubscribe?.variables).toMatchObject({ taskId, after: lastSeen?.cursor });
    expect(poster.ws.sockets.filter((s) => s.readyState === WebSocket.OPEN)).toHaveLength(1);
    expect(watched.errors).toEqual([]);
    watched.stop();
    reference.stop();
    poster.sx.close();
    tasker.sx.close();
  });

  it('refreshes an expired access token refused by the socket (4401), once, and subscribes', async () => {
    const user = await signUpUser({ name: 'Kurt Expired' });
    const accessToken = await signAccessToken({ userId: user.id, roles: ['POSTER', 'TASKER'] }, stackInfo().secrets.jwtSecret, -10);
    const poster = testClient({ tokenStore: memoryTokenStore({ accessToken, refreshToken: user.refreshToken }) });
    const tasker = await signedUpClient('Tara Tasker');
    const taskId = await postTask(poster.sx, 'Clean the windows');
    expect(poster.http.count('RefreshSession')).toBe(1);
    // The HTTP request refreshed the session; put an expired token back for the socket to refuse.
    const refreshed = await poster.store.get();
    await poster.store.set({ accessToken, refreshToken: refreshed?.refreshToken ?? '' });

    const watch = watchBids(poster.sx, taskId);
    const bid = await placeBidWhenKnown(tasker.sx, taskId, 5_000);
    let n = 0;
    await untilLive([watch], () => updateBid(tasker, bid.id, `poke ${++n}`));

    expect(poster.http.count('RefreshSession')).toBe(2);
    expect(watch.errors).toEqual([]);
    expect((await poster.store.get())?.accessToken).not.toBe(accessToken);
    watch.stop();
    poster.sx.close();
  });

  it('ends a subscription without a session with UNAUTHENTICATED', async () => {
    const poster = await signedUpClient('Owen Owner');
    const taskId = await postTask(poster.sx);
    const { sx } = testClient();
    const watch = watchBids(sx, taskId);
    await eventually(async () => watch.errors, (errors) => errors.length > 0, { what: 'the refusal' });
    expect(watch.errors.map((e) => [e.error.code, e.ended])).toEqual([['UNAUTHENTICATED', true]]);
    expect(watch.events).toEqual([]);
  });

  it('refuses a cursor that is not one with BAD_USER_INPUT', async () => {
    const poster = await signedUpClient('Carl Cursor');
    const taskId = await postTask(poster.sx);
    let completed = false;
    const errors: [string, boolean][] = [];
    poster.sx.subscribe(BidEventsDocument, { taskId, after: 'not-a-cursor' }, {
      next: () => errors.push(['unexpected event', false]),
      error: (error, { ended }) => errors.push([error.code, ended]),
      complete: () => {
        completed = true;
      },
    });
    await eventually(async () => completed || errors.some(([, ended]) => ended), (done) => done, { what: 'the subscription to end' });
    expect(errors.map(([code]) => code)).toEqual(['BAD_USER_INPUT']);
    poster.sx.close();
  });

  it('gives up with NETWORK_ERROR after the configured reconnection attempts', async () => {
    const poster = await signedUpClient('Nora Network', { reconnect: { maxAttempts: 3, minDelayMs: 20, maxDelayMs: 50 } });
    const taskId = await postTask(poster.sx);
    poster.ws.network.up = false;
    const watch = watchBids(poster.sx, taskId);
    await eventually(async () => watch.errors, (errors) => errors.length > 0, { what: 'the subscription to give up' });
    expect(watch.errors.map((e) => [e.error.code, e.ended])).toEqual([['NETWORK_ERROR', true]]);
    // The first connection and three reconnections, every one of them refused by the dead network.
    expect(poster.ws.sockets).toHaveLength(4);
  });

  it('completes every subscription and closes the socket on sign-out', async () => {
    const poster = await signedUpClient('Stan Signout');
    const tasker = await signedUpClient('Tess Tasker');
    const taskId = await postTask(poster.sx);
    const watch = watchBids(poster.sx, taskId);
    const bid = await placeBidWhenKnown(tasker.sx, taskId, 5_000);
    let n = 0;
    await untilLive([watch], () => updateBid(tasker, bid.id, `poke ${++n}`));

    await poster.sx.signOut();

    expect(watch.completed).toBe(true);
    await eventually(async () => poster.ws.sockets.map((s) => s.readyState), (states) => states.every((s) => s === WebSocket.CLOSED), {
      what: 'the socket to close',
    });
    expect(await poster.store.get()).toBeNull();
  });
});
