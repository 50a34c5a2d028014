/**
 * bench/events — events per second through outbox → relay → JetStream → consumer, and
 * publish-to-handle lag, beside a raw JetStream publish rate from the same process.
 *
 *   npm run bench:events [-- --events 5000 --writers 4 --raw 20000]
 *
 * Runs against a nats-server of its own (file storage, temp dir) and a fresh database.
 */
import { parseArgs } from 'node:util';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { SYSTEM_ACTOR, appendEvent, taskPosted } from '@sx/events';
import { createFixture, tables } from '../packages/events/test/fixture.js';
import { percentile, printTable } from './report.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '5000' },
    writers: { type: 'string', default: '4' },
    raw: { type: 'string', default: '20000' },
  },
});
const EVENTS = Number(values.events);
const WRITERS = Number(values.writers);
const RAW = Number(values.raw);
const POSTER = '11111111-1111-4111-8111-111111111111';

const f = await createFixture();
const nc = await connect({ servers: f.nats.url });
try {
  // 1. Raw JetStream: publish with Nats-Msg-Id and await acks in windows of 500.
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: 'RAW', subjects: ['raw.>'] });
  const js = jetstream(nc);
  const rawStart = performance.now();
  for (let sent = 0; sent < RAW; ) {
    const window = Math.min(500, RAW - sent);
    await Promise.all(Array.from({ length: window }, (_, i) => js.publish('raw.bench', `{"n":${sent + i}}`, { msgID: crypto.randomUUID() })));
    sent += window;
  }
  const rawPerSecond = RAW / ((performance.now() - rawStart) / 1000);

  // 2. The whole path: each event written in its own transaction by WRITERS concurrent writers.
  const runtime = f.runtime('bench');
  const lags: number[] = [];
  let handled = 0;
  let allHandled: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allHandled = resolve));
  runtime.consumer('bench', 'tasks').on(taskPosted, async (_tx, event) => {
    // occurredAt is stamped when the event is written; both clocks are this process's.
    lags.push(Date.now() - Date.parse(event.occurredAt));
    handled += 1;
    if (handled === EVENTS) allHandled();
  });
  runtime.start();
  await runtime.ready();
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < EVENTS) {
        next += 1;
        await f.db.transaction((tx) =>
          appendEvent(
            tx,
            tables.outbox,
            taskPosted,
            { taskId: crypto.randomUUID(), posterId: POSTER, status: 'OPEN', budget: { amountMinor: 100, currency: 'USD' }, dueAt: null },
            { service: 'evt_test', actor: SYSTEM_ACTOR },
          ),
        );
      }
    }),
  );
  const writeSeconds = (performance.now() - start) / 1000;
  await done;
  const totalSeconds = (performance.now() - start) / 1000;
  const pathPerSecond = EVENTS / totalSeconds;
  lags.sort((a, b) => a - b);
  const relayLag = (await runtime.metrics.relayLag.get()).values;
  const relaySum = relayLag.find((v) => v.metricName?.endsWith('_sum'))?.value ?? Number.NaN;
  const relayCount = relayLag.find((v) => v.metricName?.endsWith('_count'))?.value ?? Number.NaN;

  printTable('bench/events', [
    ['events through the whole path', String(EVENTS)],
    ['concurrent writers (1 event per transaction)', String(WRITERS)],
    ['outbox writes per second', (EVENTS / writeSeconds).toFixed(0)],
    ['outbox → consumer events per second', pathPerSecond.toFixed(0)],
    ['outbox write → JetStream ack, mean (ms)', ((relaySum / relayCount) * 1000).toFixed(1)],
    ['publish-to-handle lag p50 (ms)', String(percentile(lags, 0.5))],
    ['publish-to-handle lag p99 (ms)', String(percentile(lags, 0.99))],
    ['raw JetStream publishes per second (same process)', rawPerSecond.toFixed(0)],
    ['ratio: whole path / raw publish', (pathPerSecond / rawPerSecond).toFixed(3)],
  ]);
} finally {
  await nc.close();
  await f.close();
}
