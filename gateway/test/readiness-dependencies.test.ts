import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ensureStreams } from '@sx/events';
import { subgraphUrlVariable, type RunningStack } from '@sx/stack';
import { launchOwnSubgraph, deleteStreams, eventually, OwnNatsServer, OwnPostgres, OwnRedisServer, readyzDetails, stackInfo } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { gatewayPath, startTestGateway } from './test-gateway.js';

// NATS, Redis and a Postgres cluster of this file's own, stopped and started again under a gateway
// and a subgraph (reviews, its database on that cluster, the gateway routed to it) that use them;
// the machine's shared servers are never touched.
let nats: OwnNatsServer;
let redis: OwnRedisServer;
let postgres: OwnPostgres;
let gateway: RunningGateway;
let reviews: RunningStack;
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
  [nats, redis, postgres] = await Promise.all([OwnNatsServer.start(), OwnRedisServer.start(), OwnPostgres.start()]);
  // The gateway's live feed follows the domain streams of its namespace: they must exist there.
  const nc = await connect({ servers: nats.url });
  await ensureStreams(await jetstreamManager(nc), { namespace: stackInfo().eventsNamespace });
  await nc.close();
  reviews = await launchOwnSubgraph('reviews', { databaseUrl: postgres.urlOf('reviews'), namespace, env: { NATS_URL: nats.url } });
  gateway = await startTestGateway({
    NATS_URL: nats.url,
    REDIS_URL: redis.url,
    READY_TIMEOUT_MS: '500',
    [subgraphUrlVariable('reviews')]: reviewsUrl(),
  });
}, 180_000);

afterAll(async () => {
  await gateway?.stop();
  await reviews?.stop();
  await Promise.all([nats?.stop(), redis?.stop(), postgres?.stop()]);
  await deleteStreams(namespace).catch(() => undefined);
});

function reviewsUrl(): string {
  return `${reviews.processes.get('reviews')!.baseUrl}/graphql`;
}

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
    const subgraph = reviewsUrl();
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

  it('fails a subgraph and the gateway above it while the subgraph\'s Postgres is down, and both recover when it is back', async () => {
    const subgraph = reviewsUrl();
    await untilReady(gateway.url, 'gateway ready');
    await untilReady(subgraph, 'reviews ready');

    // A crash: every backend dies without a checkpoint, the pool's connections break under it.
    await postgres.pause('immediate');
    const down = await eventually(() => readiness(subgraph), (r) => r.status === 503, { what: 'reviews unready without Postgres', timeoutMs: 30_000, intervalMs: 200 });
    expect(down.body.status).toBe('unavailable');
    expect(down.body.failing).toEqual(['postgres']);
    expect(down.body.dependencies?.postgres).toMatchObject({ ok: false, required: true });
    expect(down.body.dependencies?.nats?.ok).toBe(true);
    // The gateway cannot serve what reviews answers: it names that subgraph, nothing else.
    const gatewayDown = await eventually(() => readiness(gateway.url), (r) => r.status === 503, { what: 'gateway unready without reviews', timeoutMs: 30_000, intervalMs: 200 });
    expect(gatewayDown.body.failing).toEqual(['reviews']);
    expect(gatewayDown.body.dependencies?.users?.ok).toBe(true);
    // The process lived through it (a broken pool must not kill it): /livez still answers.
    expect((await fetch(`${reviews.processes.get('reviews')!.baseUrl}/livez`)).status).toBe(200);

    await postgres.resume();
    const back = await untilReady(subgraph, 'reviews ready with Postgres back');
    expect(back.body.dependencies?.postgres?.ok).toBe(true);
    await untilReady(gateway.url, 'gateway ready with reviews back');
  }, 180_000);
});
