import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ensureStreams, NAMESPACED_STREAM_MAX_BYTES, subjectOf } from '@sx/events';
import { createLogger } from '@sx/runtime';
import { eventually, OwnNatsServer } from '@sx/testkit';
import type { LiveEvent } from '../src/live/bindings.js';
import { LiveEventFeed } from '../src/live/event-feed.js';

// The gateway's live feed on a nats-server of this test's own: it reads each stream in order
// from where it stood at start, replays ranges for resuming clients, and rides out a restart.

const NAMESPACE = 'livefeed';
let nats: OwnNatsServer;
let nc: NatsConnection;
let feed: LiveEventFeed;
const received: LiveEvent[] = [];

async function publish(taskId: string): Promise<void> {
  const envelope = { id: crypto.randomUUID(), type: 'bids.bid.placed', version: 1, data: { taskId } };
  await jetstream(nc).publish(subjectOf('bids.bid.placed', NAMESPACE), JSON.stringify(envelope));
}

beforeAll(async () => {
  nats = await OwnNatsServer.start();
  nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  await ensureStreams(await jetstreamManager(nc), { namespace: NAMESPACE, maxBytes: NAMESPACED_STREAM_MAX_BYTES });
  await publish('before-start');
  feed = new LiveEventFeed({
    natsUrl: nats.url,
    namespace: NAMESPACE,
    domains: ['bids'],
    log: createLogger('live-feed-test', 'silent'),
    onEvent: (_domain, event) => received.push(event),
  });
  await feed.start();
  await feed.ready();
});
afterAll(async () => {
  await feed.stop();
  await nc.close();
  await nats.stop();
});

const taskIds = (events: LiveEvent[]) => events.map((e) => e.data['taskId']);

describe('LiveEventFeed', () => {
  it('starts at the end of the stream and delivers later events in order', async () => {
    expect(feed.lastSeq('bids')).toBe(1);
    await publish('a');
    await publish('b');
    await eventually(async () => received.length, (n) => n >= 2, { what: 'two events' });
    expect(taskIds(received)).toEqual(['a', 'b']);
    expect(received.map((e) => e.seq)).toEqual([2, 3]);
    expect(feed.lastSeq('bids')).toBe(3);
  });

  it('replays a range of positions, and nothing for a range past the end', async () => {
    const replayed: LiveEvent[] = [];
    for await (const event of feed.replay('bids', 1, 2)) replayed.push(event);
    expect(taskIds(replayed)).toEqual(['before-start', 'a']);
    const none: LiveEvent[] = [];
    for await (const event of feed.replay('bids', 4, 3)) none.push(event);
    for await (const event of feed.replay('bids', 50, 60)) none.push(event);
    expect(none).toEqual([]);
  });

  it('goes on delivering after the NATS server restarts', async () => {
    await nats.pause();
    await nats.resume();
    await eventually(
      async () => {
        await publish('after-restart').catch(() => undefined);
        return taskIds(received);
      },
      (ids) => ids.includes('after-restart'),
      { what: 'an event published after the restart', timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(taskIds(received).slice(0, 2)).toEqual(['a', 'b']);
    // Positions only ever grow: nothing is delivered twice or out of order.
    const seqs = received.map((e) => e.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
