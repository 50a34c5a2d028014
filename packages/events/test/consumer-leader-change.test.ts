import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNatsCluster, type NatsCluster } from '@sx/stack';
import { taskPosted } from '../src/catalogue/index.js';
import { streamName } from '../src/streams.js';
import { effects, eventually, postTask, useFixture } from './fixture.js';

// On a NATS cluster every durable consumer is a Raft group with a leader, and the leader holds the
// consumers' waiting pull requests. When the leader changes (a node restarts, or misses its Raft
// heartbeats on a loaded machine) the new one answers those pulls with "409 Leadership Change";
// @nats-io/jetstream 3.4's consume() drops that status and pulls again only after two missed idle
// heartbeats. With the library's default 30 s pull that was a 30–45 s stall of every instance of
// the consumer: bids learnt of a posted task after the e2e suite had stopped waiting for it.

const f = useFixture();
let cluster: NatsCluster;
let dir: string;
let natsUrl: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sx-leader-change-'));
  cluster = await startNatsCluster({ dir });
  natsUrl = cluster.clientPorts.map((port) => `nats://127.0.0.1:${port}`).join(',');
});
afterAll(async () => {
  await f.current.stopRuntimes();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Asks the consumer's Raft group for a new leader; resolves once another server leads it. */
async function moveConsumerLeader(stream: string, consumer: string): Promise<{ from: string; to: string }> {
  const nc = await connect({ servers: natsUrl.split(',') });
  try {
    const jsm = await jetstreamManager(nc);
    const leaderOf = async () => (await jsm.consumers.info(stream, consumer)).cluster?.leader ?? '';
    const from = await leaderOf();
    // Asked again while the same server leads: on a loaded machine a step-down can be refused
    // (no other replica current yet) or its answer time out.
    const stepDown = async () => {
      const leader = await leaderOf().catch(() => '');
      if (leader === from) await nc.request(`$JS.API.CONSUMER.LEADER.STEPDOWN.${stream}.${consumer}`, '', { timeout: 5_000 }).catch(() => null);
      return leader;
    };
    const to = await eventually(stepDown, (leader) => leader !== '' && leader !== from, 60_000);
    return { from, to };
  } finally {
    await nc.close();
  }
}

describe('a consumer on a NATS cluster', () => {
  it('keeps handling events after its consumer leader moves to another server', { timeout: 120_000 }, async () => {
    const namespace = `leader${Date.now().toString(36)}`;
    const runtime = f.current.runtime(namespace, { NATS_URL: natsUrl, EVENTS_STREAM_REPLICAS: 3 });
    runtime.consumer('leader_change', 'tasks').on(taskPosted, async (tx, event) => {
      await tx.insert(effects).values({ consumer: 'leader_change', eventId: event.id, taskId: event.data.taskId, version: event.version });
    });
    runtime.start();
    const handled = () => f.current.db.select().from(effects).where(eq(effects.consumer, 'leader_change'));
    const [before, after] = [crypto.randomUUID(), crypto.randomUUID()];
    await postTask(f.current.db, before);
    await eventually(handled, (rows) => rows.length === 1, 60_000);

    // The consumer is idle now: its pull waits on the leader, which is about to change.
    const moved = await moveConsumerLeader(streamName('tasks', namespace), 'leader_change');
    expect(moved.to).not.toBe(moved.from);
    await postTask(f.current.db, after);
    // Within the fixture's 20 s wait: a pull that waited out the old heartbeats took 30–45 s.
    const rows = await eventually(handled, (r) => r.length === 2);
    expect(rows.map((r) => r.taskId).sort()).toEqual([before, after].sort());
  });
});
