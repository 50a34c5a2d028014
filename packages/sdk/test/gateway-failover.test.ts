import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '@sx/stack';
import { eventually, launchGatewayProcess } from '@sx/testkit';
import { BidDetailFragmentDoc, BidEventsDocument, getFragmentData, UpdateBidDocument, type BidEventsSubscription, type SxClient } from '../src/index.js';
import { FailoverProxy } from './failover-proxy.js';
import { placeBidWhenKnown, postTask, signedUpClient, testClient, type TestClient } from './harness.js';

// Two gateway processes of this test's own behind a failover proxy (a load balancer's part):
// SDK clients subscribed through it ride out one gateway's SIGTERM and, later, the other's
// SIGKILL, reconnect to the survivor and resume from their cursors. Each ends with exactly the
// event ids a subscriber on the stack's own gateway saw: nothing lost, nothing twice.

type BidEvent = BidEventsSubscription['bidEvents'];

const portOf = (gateway: RunningStack) => gateway.processes.get('gateway')!.port;

function watch(sx: SxClient, variables: { taskId: string; after?: string }) {
  const events: BidEvent[] = [];
  const errors: unknown[] = [];
  const stop = sx.subscribe(BidEventsDocument, variables, {
    next: (data) => events.push(data.bidEvents),
    error: (error, { ended }) => errors.push({ message: error.message, ended }),
  });
  return { events, errors, stop };
}

let gatewayA: RunningStack;
let gatewayB: RunningStack;
let proxy: FailoverProxy;
const clients: TestClient[] = [];

beforeAll(async () => {
  [gatewayA, gatewayB] = await Promise.all([launchGatewayProcess(), launchGatewayProcess()]);
  // New connections prefer A; while A is down they go to B.
  proxy = await FailoverProxy.start(() => [portOf(gatewayA), portOf(gatewayB)]);
}, 240_000);
afterAll(async () => {
  for (const c of clients) c.sx.close();
  await proxy?.stop();
  await Promise.all([gatewayA?.stop(), gatewayB?.stop()]);
});

describe('live SDK clients across gateway restarts', () => {
  it('resume on the other gateway after a SIGTERM and a SIGKILL, losing and repeating nothing', { timeout: 300_000 }, async () => {
    const poster = await signedUpClient('Fay Failover');
    const tasker = await signedUpClient('Tim Tasker');
    const taskId = await postTask(poster.sx, 'Paint the fence');
    const bid = await placeBidWhenKnown(tasker.sx, taskId, 4_000);
    let n = 0;
    const update = async () => {
      const res = await tasker.sx.request(UpdateBidDocument, { id: bid.id, input: { message: `update ${++n}` } });
      if (!res.ok) throw res.error;
    };

    // The reference: a subscriber on the stack's gateway, which nothing here stops. Once it is
    // live, everyone starts from its first event's cursor, so all see the same positions.
    const control = watch(poster.sx, { taskId });
    await eventually(
      async () => {
        if (control.events.length === 0) await update();
        return control.events.length;
      },
      (count) => count > 0,
      { intervalMs: 300, what: 'the reference subscription to be live' },
    );
    const start = control.events[0]!.cursor;
    const watches = Array.from({ length: 3 }, () => {
      const client = testClient({ tokenStore: poster.store, wsUrl: proxy.url, reconnect: { minDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 100 } });
      clients.push(client);
      return watch(client.sx, { taskId, after: start });
    });

    // The reference has every update made so far once it has the newest one.
    const controlHasAll = (what: string) =>
      eventually(async () => control.events.map((e) => getFragmentData(BidDetailFragmentDoc, e.bid).message), (m) => m.includes(`update ${n}`), { what, timeoutMs: 60_000 });
    const caughtUp = async (what: string) => {
      const want = control.events.length;
      await eventually(async () => watches.map((w) => ({ n: w.events.length, errors: w.errors })), (v) => v.every((w) => w.n >= want - 1), { what, timeoutMs: 90_000, intervalMs: 200 });
    };
    for (let i = 0; i < 3; i++) await update();
    await controlHasAll('the first updates');
    await caughtUp('the first updates on gateway A');
    expect(new Set(proxy.routed)).toEqual(new Set([portOf(gatewayA)]));

    // SIGTERM A while the bid keeps changing: the clients move to B and resume from their cursors.
    const stopping = gatewayA.kill('gateway', 'SIGTERM');
    for (let i = 0; i < 4; i++) await update();
    await stopping;
    for (let i = 0; i < 2; i++) await update();
    await controlHasAll('the updates during the SIGTERM');
    await caughtUp('the updates made while A stopped');
    const routedBeforeKill = proxy.routed.length;
    expect(proxy.routed.slice(3)).toContain(portOf(gatewayB));

    // A comes back; then B is SIGKILLed mid-stream: the clients move back to A.
    await gatewayA.restart('gateway');
    await update();
    const killing = gatewayB.kill('gateway', 'SIGKILL');
    for (let i = 0; i < 4; i++) await update();
    await killing;
    for (let i = 0; i < 2; i++) await update();
    await controlHasAll('the updates during the SIGKILL');
    const expected = control.events.slice(1).map((e) => e.id);
    for (const [i, w] of watches.entries()) {
      await eventually(async () => w.events.length, (c) => c >= expected.length, { what: `client ${i}: all ${expected.length} events`, timeoutMs: 90_000, intervalMs: 200 });
      expect(w.events.map((e) => e.id), `client ${i}`).toEqual(expected);
      expect(w.errors.filter((e) => (e as { ended: boolean }).ended), `client ${i}`).toEqual([]);
    }
    expect(proxy.routed.slice(routedBeforeKill)).toContain(portOf(gatewayA));
    control.stop();
  });
});
