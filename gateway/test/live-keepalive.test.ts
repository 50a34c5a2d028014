import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEV_JWT_SECRET, signAccessToken } from '@sx/runtime';
import { eventually, wsUrlOf } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { startTestGateway } from './test-gateway.js';

// The gateway's one keep-alive timer (live/ws-transport.ts): it pings every socket each
// WS_KEEPALIVE_MS and drops those that did not answer the ping before.

const KEEPALIVE_MS = 200;
let gw: RunningGateway;
const sockets: WebSocket[] = [];

/** A socket that has sent ConnectionInit and been acknowledged; `autoPong: false` never answers pings. */
async function acknowledged(autoPong: boolean): Promise<{ socket: WebSocket; pings: () => number; closed: Promise<number> }> {
  const token = await signAccessToken({ userId: randomUUID(), roles: ['TASKER'] }, DEV_JWT_SECRET);
  const socket = new WebSocket(wsUrlOf(gw.url), 'graphql-transport-ws', { autoPong });
  sockets.push(socket);
  let pings = 0;
  socket.on('ping', () => (pings += 1));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.on('message', (data: Buffer) => {
      if ((JSON.parse(data.toString('utf8')) as { type: string }).type === 'connection_ack') resolve();
    });
    socket.once('error', reject);
  });
  return { socket, pings: () => pings, closed };
}

beforeAll(async () => {
  gw = await startTestGateway({ WS_KEEPALIVE_MS: String(KEEPALIVE_MS) });
});
afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await gw.stop();
});

describe('live keep-alive', () => {
  it('drops a socket that stops answering pings, and keeps one that answers', async () => {
    const answering = await acknowledged(true);
    const silent = await acknowledged(false);
    // Terminated, not closed: a peer that does not answer pings would not read a close frame.
    expect(await silent.closed).toBe(1006);
    expect(silent.pings()).toBeGreaterThanOrEqual(1);
    // The answering socket outlives several more rounds of pings.
    const seen = answering.pings();
    await eventually(async () => answering.pings(), (n) => n >= seen + 3, { what: 'three more pings', timeoutMs: 20_000 });
    expect(answering.socket.readyState).toBe(WebSocket.OPEN);
  });
});
