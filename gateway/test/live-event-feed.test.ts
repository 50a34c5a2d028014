import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bidPlaced } from '@sx/events';
import { createLogger } from '@sx/runtime';
import { eventually, OwnNatsServer, OwnOutbox } from '@sx/testkit';
import type { LiveEvent } from '../src/live/bindings.js';
import { LiveEventFeed } from '../src/live/event-feed.js';

// The gateway's live feed on a nats-server of this test's own, fed by a real outbox relay: it
// reads each stream in order from where it stood at start, replays ranges for resuming clients,
// and — through NATS crashes, including one long enough that a connection gives up — hands
// every connected reader every event exactly once, in stream order. Nothing is ever republished
// by the test: what the relay published once is all there is.

const NAMESPACE = 'livefeed';
let nats: OwnNatsServer;
let outbox: OwnOutbox;
const feeds: { name: string; feed: LiveEventFeed; received: LiveEvent[] }[] = [];

function write(label: string): Promise<{ id: string }> {
  const amount = { amountMinor: 100, currency: 'USD' };
  return outbox.append(bidPlaced, { bidId: randomUUID(), taskId: randomUUID(), taskerId: randomUUID(), amount, message: label });
}

async function startFeed(name: string, reconnectAttempts?: number) {
  const received: LiveEvent[] = [];
  const feed = new LiveEventFeed({
    natsUrl: nats.url,
    namespace: NAMESPACE,
    domains: ['bids'],
    log: createLogger('live-feed-test', 'silent'),
    onEvent: (_domain, event) => received.push(event),
    ...(reconnectAttempts === undefined ? {} : { reconnectAttempts }),
  });
  await feed.start();
  await feed.ready();
  feeds.push({ name, feed, received });
  return { feed, received };
}

const messages = (events: LiveEvent[]) => events.map((e) => e.data['message']);

beforeAll(async () => {
  nats = await OwnNatsServer.start();
  outbox = await OwnOutbox.start({ natsUrl: nats.url, namespace: NAMESPACE });
  await write('before-start');
  await eventually(() => outbox.backlog(), (n) => n === 0, { what: 'the first event published' });
});
afterAll(async () => {
  await Promise.all(feeds.map((f) => f.feed.stop()));
  await outbox?.stop();
  await nats?.stop();
});

describe('LiveEventFeed', () => {
  it('starts at the end of the stream and delivers later events in order', async () => {
    const { feed, received } = await startFeed('first');
    expect(feed.lastSeq('bids')).toBe(1);
    await write('a');
    await write('b');
    await eventually(async () => received.length, (n) => n >= 2, { what: 'two events' });
    expect(messages(received)).toEqual(['a', 'b']);
    expect(received.map((e) => e.seq)).toEqual([2, 3]);
    expect(feed.lastSeq('bids')).toBe(3);
  });

  it('replays a range of positions, and nothing for a range past the end', async () => {
    const feed = feeds[0]!.feed;
    const replayed: LiveEvent[] = [];
    for await (const event of feed.replay('bids', 1, 2)) replayed.push(event);
    expect(messages(replayed)).toEqual(['before-start', 'a']);
    const none: LiveEvent[] = [];
    for await (const event of feed.replay('bids', 4, 3)) none.push(event);
    for await (const event of feed.replay('bids', 50, 60)) none.push(event);
    expect(none).toEqual([]);
  });

  it('replays a range asked while NATS is unreachable once it is back, instead of giving up', { timeout: 120_000 }, async () => {
    // A client resuming on a gateway whose NATS node just died (or whose stream is electing a
    // leader) asks for what it missed; those events exist nowhere else, so a failed attempt must
    // be retried, not end the replay short.
    const warnings: string[] = [];
    const feed = new LiveEventFeed({
      natsUrl: nats.url,
      namespace: NAMESPACE,
      domains: ['bids'],
      log: createLogger('live-feed-test', 'warn', { write: (line: string) => void warnings.push(line) }),
      onEvent: () => undefined,
    });
    await feed.start();
    await feed.ready();
    try {
      await nats.pause('SIGKILL');
      const replayed: LiveEvent[] = [];
      const replaying = (async () => {
        for await (const event of feed.replay('bids', 1, 3)) replayed.push(event);
      })();
      const failedAttempts = async () => warnings.filter((l) => l.includes('replay for a resuming subscriber failed')).length;
      await eventually(failedAttempts, (n) => n >= 1, { what: 'a replay attempt to fail while NATS is down', timeoutMs: 60_000 });
      await nats.resume();
      await replaying;
      expect(messages(replayed)).toEqual(['before-start', 'a', 'b']);
      expect(replayed.map((e) => e.seq)).toEqual([1, 2, 3]);
    } finally {
      await feed.stop();
    }
  });

  it('hands every connected reader every event once, in order, through NATS crashes', { timeout: 240_000 }, async () => {
    // `fragile` gives up its connection after one reconnect attempt, so a long outage ends its
    // consumer: the path on which the feed must follow again from where it stopped.
    const fragile = await startFeed('fragile', 1);
    const from = fragile.feed.lastSeq('bids') + 1;
    const written: string[] = [];
    const writer = (async () => {
      for (let i = 0; i < 240; i++) written.push((await write(`w${i}`)).id);
    })();

    const crash = async (afterWritten: number, longOutage: boolean) => {
      await eventually(async () => written.length, (n) => n >= afterWritten, { what: `${afterWritten} events written`, timeoutMs: 60_000 });
      await nats.pause('SIGKILL');
      // Down until the fragile reader's connection has given up (event-driven, not a sleep).
      if (longOutage) await eventually(async () => fragile.feed.connected, (c) => !c, { what: 'the fragile connection closed', timeoutMs: 30_000 });
      await nats.resume();
    };
    await crash(60, true);
    await crash(140, false);
    await crash(200, true);
    await writer;

    for (const { name, received } of feeds) {
      const since = () => received.filter((e) => e.seq >= from);
      await eventually(async () => since().length, (n) => n >= written.length, { what: `${name}: all ${written.length} events`, timeoutMs: 90_000, intervalMs: 200 });
      const seen = since();
      // Exactly the events written, each once, at consecutive stream positions, in write order.
      expect(seen.map((e) => e.seq), name).toEqual(written.map((_, i) => from + i));
      expect(seen.map((e) => e.id), name).toEqual(written);
    }
    expect(await outbox.backlog()).toBe(0);
  });
});
