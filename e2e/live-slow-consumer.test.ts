import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually, gqlOk, postTaskAs, signUpUser, wsUrlOf, type TestUser, scrapeMetrics } from '@sx/testkit';
import { gatewayPath } from '../gateway/test/test-gateway.js';
import { useLiveGateway } from './live-harness.js';

// A client that stops reading fills its connection's bounded queue and is closed with 4008;
// a client beside it on the same gateway keeps receiving every event.

const { gw, connect, subscribed, count } = useLiveGateway({ WS_MAX_QUEUE: '4' });

/** A raw graphql-transport-ws client, so the test can stop reading its socket. */
async function stalledSubscriber(token: string, query: string, variables: Record<string, unknown>) {
  const socket = new WebSocket(wsUrlOf(gw().url), 'graphql-transport-ws');
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') resolve();
    });
  });
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
  return { socket, closed };
}

const slowClosures = async () => {
  const text = await scrapeMetrics(gw().url);
  return Number(/^sx_live_slow_consumer_closes_total\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? 0);
};

describe('a stalled subscriber', () => {
  it('is closed with 4008 when its queue overflows, without delaying the others', async () => {
    const poster: TestUser = await signUpUser({ roles: ['POSTER'] });
    // Big payloads fill the socket's buffers after a few events (15 aliases of 5,000 characters).
    const taskId = await postTaskAs(poster, { description: 'x'.repeat(5_000) });
    const heavy = `subscription($taskId: ID!) { taskEvents(taskId: $taskId) { kind ${Array.from({ length: 15 }, (_, i) => `d${i}: task { description }`).join(' ')} } }`;
    const before = count('taskEvents');
    const stalled = await stalledSubscriber(poster.accessToken, heavy, { taskId });
    const fast = connect(poster.accessToken);
    const fastFeed = fast.subscribe<{ taskEvents: { id: string; kind: string } }>(
      `subscription($taskId: ID!) { taskEvents(taskId: $taskId) { id kind } }`,
      { taskId },
    );
    await subscribed('taskEvents', before + 2);
    stalled.socket.pause();

    // Change the task until the gateway gives up on the stalled client.
    let updates = 0;
    while ((await slowClosures()) === 0) {
      if (updates >= 400) throw new Error('the stalled client was never closed');
      updates += 1;
      await gqlOk(`mutation($id: ID!, $title: String!) { updateTask(id: $id, input: { title: $title }) { id } }`, { id: taskId, title: `Version ${updates}` }, { token: poster.accessToken });
      if (updates % 10 === 0) await fastFeed.waitFor(updates);
    }
    stalled.socket.resume();
    expect(await stalled.closed).toBe(4008);
    // The fast subscriber got every change, each once.
    const events = await fastFeed.waitFor(updates);
    expect(events.every((e) => e.taskEvents.kind === 'UPDATED')).toBe(true);
    expect(new Set(events.map((e) => e.taskEvents.id)).size).toBe(updates);
    await eventually(async () => count('taskEvents'), (n) => n === before + 1, { what: 'the stalled subscription to be gone' });
  });
});
