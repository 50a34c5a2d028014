import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ensureStreams } from '@sx/events';
import type { RunningStack } from '@sx/stack';
import { launchOwnSubgraph, createFreshDatabase, deleteStreams, dropDatabase, eventually, OwnNatsServer, OwnRedisServer, readyzDetails, stackInfo } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { gatewayPath, startTestGateway } from './test-gateway.js';

// NATS and Redis servers of this file's own, stopped and started again under a gateway and a
// subgraph that use them; the machine's shared servers are never touched.
let nats: OwnNatsServer;
let redis: OwnRedisServer;
let gateway: RunningGateway;
let reviews: RunningStack;
let databaseUrl: string;
const namespace = `tr${randomUUID().slice(0, 8)}`;

interface Report {
  status: number;
  body: { status: string; failing?: string[]; dependencies?: Record<string, { ok: boolean; required: boolean }> };
}

async function readiness(url: string): Promise<Report> {
  const res = await readyzDetails(url);
  return { status: res.status, body: (await res.json()) as Report['body'] };
}

const untilReady = (url: string, what: string) => eventually(() => readiness(url), (r) => r.status === 200 && r.body.status === 'ready', { what, timeoutMs: 60_000, intervalMs: 200 });

beforeAll(async () => {
  [nats, redis, databaseUrl] = await Promise.all([OwnNatsServer.start(), OwnRedisServer.start(), createFreshDatabase()]);
  // The gateway's live feed follows the domain streams of its namespace: they must exist there.
  const nc = await connect({ servers: nats.url });
  await ensureStreams(await jetstreamManager(nc), { namespace: stackInfo().eventsNamespace });
  await nc.close();
  gateway = await startTestGateway({ NATS_URL: nats.url, REDIS_URL: redis.url, READY_TIMEOUT_MS: '500' });
  reviews = await launchOwnSubgraph('reviews', { databaseUrl, namespace, env: { NATS_URL: nats.url } });
}, 180_000);

afterAll(async () => {
  await gateway?.stop();
  await reviews?.stop();
  await Promise.all([nats?.stop(), redis?.stop()]);
  if (databaseUrl) await dropDatabase(databaseUrl);
  await deleteStreams(namespace).catch(() => undefined);
});

describe('readiness as dependencies come and go', () => {
  it('answers /livez whatever the dependencies do', async () => {
    const res = await fetch(gatewayPath(gateway.url, '/livez'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', service: 'gateway' });
    const subgraph = await fetch(`${reviews.processes.get('reviews')!.baseUrl}/livez`);
    expect(await subgraph.json()).toEqual({ status: 'ok', service: 'reviews' });
  });

  it('reports each dependency of the gateway, fails while Redis is down and recovers when it is back', async () => {
    const ready = await untilReady(gateway.url, 'gateway ready');
    expect(ready.body.dependencies).toMatchObject({ redis: { ok: true, required: true }, nats: { ok: true, required: true }, users: { ok: true }, wallet: { ok: true } });

    await redis.stop();
    const down = await eventually(() => readiness(gateway.url), (r) => r.status === 503, { what: 'gateway unready without Redis', timeoutMs: 30_000, intervalMs: 200 });
    expect(down.body.failing).toEqual(['redis']);
    expect(down.body.dependencies?.nats?.ok).toBe(true);

    await redis.resume();
    await untilReady(gateway.url, 'gateway ready with Redis back');
  }, 120_000);

  it('fails the gateway and degrades a subgraph while NATS is down, and both recover when it is back', async () => {
    const subgraph = `${reviews.processes.get('reviews')!.baseUrl}/graphql`;
    await untilReady(gateway.url, 'gateway ready');
    const before = await untilReady(subgraph, 'reviews ready');
    expect(before.body.dependencies).toMatchObject({ postgres: { ok: true, required: true }, nats: { ok: true, required: false } });

    await nats.pause();
    const gatewayDown = await eventually(() => readiness(gateway.url), (r) => r.status === 503, { what: 'gateway unready without NATS', timeoutMs: 30_000, intervalMs: 200 });
    expect(gatewayDown.body.failing).toEqual(['nats']);
    // The subgraph still serves writes (its outbox keeps the events): degraded, not unready.
    const degraded = await eventually(() => readiness(subgraph), (r) => r.body.status === 'degraded', { what: 'reviews degraded without NATS', timeoutMs: 30_000, intervalMs: 200 });
    expect(degraded.status).toBe(200);
    expect(degraded.body.failing).toEqual(['nats']);
    expect(degraded.body.dependencies?.postgres?.ok).toBe(true);

    await nats.resume();
    await untilReady(gateway.url, 'gateway ready with NATS back');
    await untilReady(subgraph, 'reviews ready with NATS back');
  }, 180_000);
});
