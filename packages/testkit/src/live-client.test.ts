import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { liveConnection } from './live-client.js';

// waitFor on a real graphql-ws server whose subscription sends the ids it is told, as a gateway
// with a delivery bug would: an event sent twice, even after the position waited for, fails.

const schema = buildSchema(`
  type Event { id: ID! }
  type Query { ok: Boolean }
  type Subscription { events(ids: [ID!]!): Event }
`);

// A root-value field function is called with the arguments first (graphql-js).
async function* sendIds(args: { ids: string[] }): AsyncGenerator<{ events: { id: string } }> {
  for (const id of args.ids) yield { events: { id } };
}

let server: Server;
let wss: WebSocketServer;
let url: string;

beforeAll(async () => {
  server = createServer();
  wss = new WebSocketServer({ server, path: '/graphql' });
  useServer({ schema, roots: { subscription: { events: sendIds } } }, wss);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  for (const socket of wss.clients) socket.terminate();
  wss.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const EVENTS = `subscription($ids: [ID!]!) { events(ids: $ids) { id } }`;

describe('LiveFeed.waitFor', () => {
  it('returns the first events when each arrived once', async () => {
    const connection = liveConnection(url);
    const feed = connection.subscribe<{ events: { id: string } }>(EVENTS, { ids: ['a', 'b', 'c'] });
    expect((await feed.waitFor(2)).map((e) => e.events.id)).toEqual(['a', 'b']);
    await connection.dispose();
  });

  it('fails when an event arrives twice after the position waited for', async () => {
    const connection = liveConnection(url);
    const feed = connection.subscribe<{ events: { id: string } }>(EVENTS, { ids: ['a', 'b', 'a'] });
    // All three are in before waitFor looks: only the duplicate (third) can fail it.
    await expect.poll(() => feed.events.length).toBe(3);
    await expect(feed.waitFor(2)).rejects.toThrow(/delivered twice/);
    expect(feed.duplicates).toEqual([{ events: { id: 'a' } }]);
    await connection.dispose();
  });
});
