import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '@sx/core';
import { IDENTITY_HEADER, signSubgraphRequest } from '@sx/runtime';
import { eventually } from '@sx/testkit';
import { SubgraphHttp, SubgraphTimeout, SubgraphUnreachable } from '../src/subgraph-http.js';
import { listenOnLoopback } from './fake-subgraph.js';

const KEY = 'subgraph-http-queue-test-key';
const BODY = JSON.stringify({ query: '{ __typename }' });

interface HeldServer {
  url: string;
  /** Signed timestamps (`ts`) of the requests that reached the server, in arrival order. */
  arrivals: number[];
  close: () => Promise<void>;
}

/** A real HTTP server whose answers are up to `handle`; it notes each arrival's signed timestamp. */
async function startServer(handle: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<HeldServer> {
  const arrivals: number[] = [];
  const server = http.createServer((req, res) => {
    const payload = JSON.parse(Buffer.from(String(req.headers[IDENTITY_HEADER]), 'base64url').toString('utf8')) as { ts: number };
    arrivals.push(payload.ts);
    req.resume();
    req.on('end', () => handle(req, res));
  });
  return { ...(await listenOnLoopback(server)), arrivals };
}

/** Signed headers, as the gateway makes them; `onSign` sees each signing as it happens. */
function signer(onSign: () => void = () => {}): () => Record<string, string> {
  return () => {
    onSign();
    return { 'content-type': 'application/json', ...signSubgraphRequest(ANONYMOUS, KEY, { subgraph: 'test', method: 'POST', body: BODY, requestId: randomUUID() }) };
  };
}

const answer = (res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}');

describe('SubgraphHttp queue', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function open(server: HeldServer | string, opts: { timeoutMs?: number; maxSockets?: number } = {}): Promise<SubgraphHttp> {
    const url = typeof server === 'string' ? server : server.url;
    const subgraph = new SubgraphHttp({ name: 'test', url, timeoutMs: opts.timeoutMs ?? 5_000, maxSockets: opts.maxSockets ?? 1 });
    cleanups.push(() => subgraph.close());
    if (typeof server !== 'string') cleanups.push(() => server.close());
    return subgraph;
  }

  it('signs a queued request only once the request before it has been answered', async () => {
    const held: http.ServerResponse[] = [];
    const server = await startServer((_req, res) => held.push(res));
    const subgraph = await open(server);
    const order: string[] = [];
    const first = subgraph.post(BODY, signer(() => order.push('first signed')));
    const second = subgraph.post(BODY, signer(() => order.push('second signed')));
    await eventually(async () => held.length, (n) => n === 1, { what: 'the first request held by the server' });

    order.push('first answered');
    const answeredAt = Date.now();
    answer(held[0]!);
    expect((await first).status).toBe(200);
    await eventually(async () => held.length, (n) => n === 2, { what: 'the second request reaching the server' });
    answer(held[1]!);
    expect((await second).status).toBe(200);

    expect(order).toEqual(['first signed', 'first answered', 'second signed']);
    expect(server.arrivals).toHaveLength(2);
    expect(server.arrivals[1]).toBeGreaterThanOrEqual(answeredAt);
  });

  it('fails a request whose wait for a connection outlasts the timeout, and frees no slot it never held', async () => {
    const timeoutMs = 400;
    let releaseFirst = () => {};
    // The first answer trickles in below the body timeout, so it keeps the only connection busy.
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
      const trickle = setInterval(() => res.write(' '), timeoutMs / 4);
      releaseFirst = () => {
        clearInterval(trickle);
        res.end('{}}');
      };
    });
    const subgraph = await open(server, { timeoutMs });
    const first = subgraph.post(BODY, signer());
    await eventually(async () => server.arrivals.length, (n) => n === 1, { what: 'the first request reaching the server' });

    let waiterSigned = false;
    await expect(subgraph.post(BODY, signer(() => (waiterSigned = true)))).rejects.toThrow(SubgraphTimeout);
    expect(waiterSigned).toBe(false);
    // Had the timed-out waiter given back a slot, this one would have gone out on it.
    await expect(subgraph.post(BODY, signer())).rejects.toThrow(/no connection came free/);
    expect(server.arrivals).toHaveLength(1);

    releaseFirst();
    const reply = await first;
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ data: {} });
  });

  it('gives the slot of a request the server cut off to the next one', async () => {
    let cut = true;
    const server = await startServer((req, res) => {
      if (!cut) return answer(res);
      cut = false;
      req.socket.destroy();
    });
    const subgraph = await open(server);
    const [failed, next] = await Promise.allSettled([subgraph.post(BODY, signer()), subgraph.post(BODY, signer())]);
    expect(failed.status === 'rejected' && failed.reason).toBeInstanceOf(SubgraphUnreachable);
    expect(next.status === 'fulfilled' && next.value.status).toBe(200);
    expect(server.arrivals).toHaveLength(2);
  });

  it('gives the slot of a request that timed out to the next one', async () => {
    let hang = true;
    const server = await startServer((_req, res) => {
      if (!hang) return answer(res);
      hang = false;
    });
    const subgraph = await open(server, { timeoutMs: 300 });
    await expect(subgraph.post(BODY, signer())).rejects.toThrow(SubgraphTimeout);
    expect((await subgraph.post(BODY, signer())).status).toBe(200);
    expect(server.arrivals).toHaveLength(2);
  });

  it('releases every slot when the subgraph is unreachable', async () => {
    const closed = await startServer((_req, res) => answer(res));
    await closed.close();
    const subgraph = await open(closed.url, { timeoutMs: 2_000 });
    const results = await Promise.allSettled([subgraph.post(BODY, signer()), subgraph.post(BODY, signer()), subgraph.post(BODY, signer())]);
    for (const result of results) expect(result.status === 'rejected' && result.reason).toBeInstanceOf(SubgraphUnreachable);
  });
});
