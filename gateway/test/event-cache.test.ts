import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureStreams, NAMESPACED_STREAM_MAX_BYTES } from '@sx/events';
import { deleteStreams, eventually, gql, gqlOk, postTaskAs, signUpUser, scrapeMetrics } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { gatewayPath, startTestGateway } from './test-gateway.js';

const CACHED = 'Query.task,Query.tasks,Query.me,User,Task';
const TASK = 'query($id: ID!) { task(id: $id) { id title } }';
const RENAME_TASK = 'mutation($id: ID!, $title: String!) { updateTask(id: $id, input: { title: $title }) { id title } }';

/** Cache lookups a gateway made of one subgraph's answers, by outcome. */
async function lookups(gateway: RunningGateway, subgraph: string): Promise<{ hit: number; miss: number }> {
  const text = await scrapeMetrics(gateway.url);
  const count = (outcome: string) => Number(new RegExp(`^sx_gateway_cache_lookups_total\\{subgraph="${subgraph}",outcome="${outcome}"[^}]*\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { hit: count('hit'), miss: count('miss') };
}

/**
 * Reads until the gateway answers from its cache. Events of the test's own setup (the task
 * posted, the user signed up) invalidate the subgraph and keep answers out of the cache for
 * CACHE_GRACE_MS, so the first reads may all miss.
 */
async function readUntilCached<T>(gateway: RunningGateway, subgraph: string, read: () => Promise<T>): Promise<T> {
  const before = (await lookups(gateway, subgraph)).hit;
  let last: T | undefined;
  await eventually(
    async () => {
      last = await read();
      return (await lookups(gateway, subgraph)).hit;
    },
    (hits) => hits > before,
    { what: `a ${subgraph} answer served from the cache` },
  );
  return last as T;
}

/** An events namespace whose streams exist but carry no events: a gateway reading it hears of no change. */
async function silentNamespace(): Promise<string> {
  const namespace = `quiet${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  try {
    await ensureStreams(await jetstreamManager(nc), { namespace, maxBytes: NAMESPACED_STREAM_MAX_BYTES });
  } finally {
    await nc.close();
  }
  return namespace;
}

const titleVia = async (gateway: RunningGateway, id: string) => (await gqlOk<{ task: { title: string } }>(TASK, { id }, { url: gateway.url })).task.title;

describe('the event-invalidated cache (GATEWAY_CACHE)', () => {
  const gateways: RunningGateway[] = [];
  const start = async (env: Record<string, string>) => {
    const gateway = await startTestGateway(env);
    gateways.push(gateway);
    return gateway;
  };
  const quietNamespaces: string[] = [];
  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((g) => g.stop()));
    for (const namespace of quietNamespaces.splice(0)) await deleteStreams(namespace);
  });

  it('answers a repeated read from the cache without asking the subgraph again', async () => {
    const gateway = await start({ GATEWAY_CACHE: CACHED });
    const id = await postTaskAs(await signUpUser(), { title: 'Cached once' });
    expect(await readUntilCached(gateway, 'tasks', () => titleVia(gateway, id))).toBe('Cached once');
    const before = await lookups(gateway, 'tasks');
    expect(await titleVia(gateway, id)).toBe('Cached once');
    expect(await lookups(gateway, 'tasks')).toEqual({ hit: before.hit + 1, miss: before.miss });
  });

  it("shows the change in the same client's next read after a mutation's response, without waiting for its event", async () => {
    const poster = await signUpUser();
    // This gateway hears no events at all, so only the mutation itself can make it drop the old title.
    const namespace = await silentNamespace();
    const gateway = await start({ GATEWAY_CACHE: CACHED, EVENTS_NAMESPACE: namespace });
    quietNamespaces.push(namespace);
    const id = await postTaskAs(poster, { title: 'Before the edit' });
    expect(await readUntilCached(gateway, 'tasks', () => titleVia(gateway, id))).toBe('Before the edit');
    await gqlOk(RENAME_TASK, { id, title: 'After the edit' }, { url: gateway.url, token: poster.accessToken });
    expect(await titleVia(gateway, id)).toBe('After the edit');
  });

  it('shows a change made through another gateway once its event arrives', async () => {
    const poster = await signUpUser();
    const [writer, reader] = [await start({ GATEWAY_CACHE: CACHED }), await start({ GATEWAY_CACHE: CACHED })];
    const id = await postTaskAs(poster, { title: 'Seen elsewhere' });
    expect(await readUntilCached(reader, 'tasks', () => titleVia(reader, id))).toBe('Seen elsewhere');
    await gqlOk(RENAME_TASK, { id, title: 'Changed elsewhere' }, { url: writer.url, token: poster.accessToken });
    // The reader learns of the change only from the tasks stream: its cache had the old title.
    await eventually(() => titleVia(reader, id), (title) => title === 'Changed elsewhere', { timeoutMs: 15_000, what: 'the reader to see the edit' });
  });

  it("keeps each viewer's answers apart, and anonymous callers share theirs", async () => {
    const gateway = await start({ GATEWAY_CACHE: CACHED });
    const [ada, bo] = [await signUpUser({ name: 'Ada Cache' }), await signUpUser({ name: 'Bo Cache' })];
    const me = async (token?: string) => (await gql<{ me: { name: string } | null }>('{ me { name } }', {}, { url: gateway.url, token })).data?.me?.name ?? null;
    const everyone = () => Promise.all([me(ada.accessToken), me(bo.accessToken), me()]);
    await readUntilCached(gateway, 'users', everyone);
    // Once cached, three scopes asked again: three hits, each the scope's own answer.
    const before = await lookups(gateway, 'users');
    expect(await everyone()).toEqual(['Ada Cache', 'Bo Cache', null]);
    const after = await lookups(gateway, 'users');
    expect(after.hit - before.hit + (after.miss - before.miss)).toBe(3);
    expect(after.hit - before.hit).toBeGreaterThanOrEqual(1);
  });

  it('caches nothing that is not opted in', async () => {
    const gateway = await start({ GATEWAY_CACHE: 'Query.me' });
    const id = await postTaskAs(await signUpUser(), { title: 'Not opted in' });
    await titleVia(gateway, id);
    await titleVia(gateway, id);
    expect(await lookups(gateway, 'tasks')).toEqual({ hit: 0, miss: 0 });
  });
});
