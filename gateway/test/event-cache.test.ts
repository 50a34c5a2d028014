import { afterEach, describe, expect, it } from 'vitest';
import { deleteStreams, eventually, gql, gqlOk, postTaskAs, signUpUser } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { fetchesOf, lookups, responseHits, silentNamespace } from './cache-metrics.js';
import { gatewayPath, startTestGateway } from './test-gateway.js';

const CACHED = 'Query.task,Query.tasks,Query.me,User,Task';
const TASK = 'query($id: ID!) { task(id: $id) { id title } }';
const TASK_WITH_POSTER = 'query($id: ID!) { task(id: $id) { id title poster { name } } }';
const USER_EMAIL = 'query($id: ID!) { user(id: $id) { name email } }';
const USER_LIST = '{ users(first: 1) { edges { node { id } } } }';
const RENAME_TASK = 'mutation($id: ID!, $title: String!) { updateTask(id: $id, input: { title: $title }) { id title } }';

/** Answers served from either cache: a subgraph's fetches, or whole responses. */
async function cacheHits(gateway: RunningGateway, subgraph: string): Promise<number> {
  return (await lookups(gateway, subgraph)).hit + (await responseHits(gateway));
}

/**
 * Reads until the gateway answers from its cache (`hits` more answers from it in one read).
 * Events of the test's own setup (the task posted, the user signed up) invalidate the subgraph
 * and keep answers out of the cache for CACHE_GRACE_MS, so the first reads may all miss.
 */
async function readUntilCached<T>(gateway: RunningGateway, subgraph: string, read: () => Promise<T>, hits = 1): Promise<T> {
  let last: T | undefined;
  await eventually(
    async () => {
      const before = await cacheHits(gateway, subgraph);
      last = await read();
      return (await cacheHits(gateway, subgraph)) - before;
    },
    (gained) => gained >= hits,
    { what: `a ${subgraph} answer served from the cache` },
  );
  return last as T;
}

const titleVia = async (gateway: RunningGateway, id: string, token?: string) => (await gqlOk<{ task: { title: string } }>(TASK, { id }, { url: gateway.url, token })).task.title;

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

  /** A cached gateway that hears no events, so nothing but its own mutations drops its answers. */
  const startQuiet = async (env: Record<string, string>) => {
    const namespace = await silentNamespace();
    quietNamespaces.push(namespace);
    return start({ GATEWAY_CACHE: CACHED, EVENTS_NAMESPACE: namespace, ...env });
  };

  it('answers a repeated read from the fetch cache without asking the subgraph again', async () => {
    const gateway = await start({ GATEWAY_CACHE: CACHED, CACHE_RESPONSE_MAX_BYTES: '0' });
    const id = await postTaskAs(await signUpUser(), { title: 'Cached once' });
    expect(await readUntilCached(gateway, 'tasks', () => titleVia(gateway, id))).toBe('Cached once');
    const before = await lookups(gateway, 'tasks');
    expect(await titleVia(gateway, id)).toBe('Cached once');
    expect(await lookups(gateway, 'tasks')).toEqual({ hit: before.hit + 1, miss: before.miss });
    expect(await responseHits(gateway)).toBe(0);
  });

  it('answers a repeated query whole, byte for byte and with the same headers, without a subgraph fetch', async () => {
    const gateway = await startQuiet({});
    const id = await postTaskAs(await signUpUser({ name: 'Whole Poster' }), { title: 'Cached whole' });
    const read = async () => {
      const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: TASK_WITH_POSTER, variables: { id } }) });
      return { status: res.status, body: await res.text(), type: res.headers.get('content-type'), cacheControl: res.headers.get('cache-control'), requestId: res.headers.get('x-request-id') !== null };
    };
    const missed = await read();
    const fetchesBefore = [await fetchesOf(gateway, 'tasks'), await fetchesOf(gateway, 'users')];
    const hitsBefore = await responseHits(gateway);
    const hit = await read();
    expect(await responseHits(gateway)).toBe(hitsBefore + 1);
    expect([await fetchesOf(gateway, 'tasks'), await fetchesOf(gateway, 'users')]).toEqual(fetchesBefore);
    expect(hit).toEqual(missed);
    expect(JSON.parse(hit.body)).toEqual({ data: { task: { id, title: 'Cached whole', poster: { name: 'Whole Poster' } } } });
  });

  it("shows the change in the same client's next read after a mutation's response, without waiting for its event", async () => {
    const poster = await signUpUser();
    // This gateway hears no events at all, so only the mutation itself can make it drop the old title.
    const gateway = await startQuiet({});
    const id = await postTaskAs(poster, { title: 'Before the edit' });
    expect(await readUntilCached(gateway, 'tasks', () => titleVia(gateway, id, poster.accessToken))).toBe('Before the edit');
    expect(await readUntilCached(gateway, 'tasks', () => titleVia(gateway, id))).toBe('Before the edit');
    await gqlOk(RENAME_TASK, { id, title: 'After the edit' }, { url: gateway.url, token: poster.accessToken });
    expect(await titleVia(gateway, id, poster.accessToken)).toBe('After the edit');
    // Another viewer's cached answer, built on the same subgraph, was dropped with it.
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

  it("never serves one viewer's private fields to another viewer of the same query", async () => {
    const gateway = await startQuiet({ GATEWAY_CACHE: `${CACHED},Query.user` });
    const [ada, bo] = [await signUpUser({ name: 'Ada Cache' }), await signUpUser({ name: 'Bo Cache' })];
    const read = async (token?: string) => (await gqlOk<{ user: { name: string; email: string | null } }>(USER_EMAIL, { id: ada.id }, { url: gateway.url, token })).user;
    // Ada's answer, with her email, is cached first: the same query from Bo and from anonymous must not get it.
    expect(await readUntilCached(gateway, 'users', () => read(ada.accessToken))).toEqual({ name: 'Ada Cache', email: ada.email });
    expect(await read(bo.accessToken)).toEqual({ name: 'Ada Cache', email: null });
    expect(await read()).toEqual({ name: 'Ada Cache', email: null });
    // Once each scope has its own answer cached, each is served its own.
    await readUntilCached(gateway, 'users', () => read(bo.accessToken));
    await readUntilCached(gateway, 'users', () => read());
    const before = await responseHits(gateway);
    expect(await Promise.all([read(ada.accessToken), read(bo.accessToken), read()])).toEqual([
      { name: 'Ada Cache', email: ada.email },
      { name: 'Ada Cache', email: null },
      { name: 'Ada Cache', email: null },
    ]);
    expect((await responseHits(gateway)) - before).toBe(3);
  });

  it("stores no answer with errors and no mutation's answer", async () => {
    const gateway = await startQuiet({ GATEWAY_CACHE: `${CACHED},Query.users` });
    const poster = await signUpUser();
    const id = await postTaskAs(poster, { title: 'Renamed twice' });
    // Only administrators may list users: an anonymous caller is refused, by the subgraph, each time.
    const usersBefore = await fetchesOf(gateway, 'users');
    for (let k = 0; k < 2; k += 1) expect((await gql(USER_LIST, {}, { url: gateway.url })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await fetchesOf(gateway, 'users')) - usersBefore).toBe(2);
    const tasksBefore = await fetchesOf(gateway, 'tasks');
    for (let k = 0; k < 2; k += 1) await gqlOk(RENAME_TASK, { id, title: 'The same new title' }, { url: gateway.url, token: poster.accessToken });
    expect((await fetchesOf(gateway, 'tasks')) - tasksBefore).toBe(2);
    expect(await responseHits(gateway)).toBe(0);
  });

  it('keeps no whole answer built partly from fetches that are not opted in', async () => {
    const gateway = await startQuiet({ GATEWAY_CACHE: 'Query.task' });
    const id = await postTaskAs(await signUpUser({ name: 'Uncached Poster' }), { title: 'Half cached' });
    const read = () => gqlOk<{ task: { poster: { name: string } } }>(TASK_WITH_POSTER, { id }, { url: gateway.url });
    await readUntilCached(gateway, 'tasks', read);
    const usersBefore = await fetchesOf(gateway, 'users');
    expect((await read()).task.poster.name).toBe('Uncached Poster');
    expect((await fetchesOf(gateway, 'users')) - usersBefore).toBe(1);
    expect(await responseHits(gateway)).toBe(0);
  });

  it('refuses a signed-out session the answer it had cached (401 SESSION_ENDED), with no hit', async () => {
    // It hears users' events: the sign-out reaches it as users.session.ended, in its namespace.
    const gateway = await start({ GATEWAY_CACHE: CACHED });
    const user = await signUpUser({ name: 'Signs Out' });
    const id = await postTaskAs(user, { title: 'Cached then signed out' });
    await readUntilCached(gateway, 'tasks', () => titleVia(gateway, id, user.accessToken));
    await gqlOk('mutation($refreshToken: String!) { signOut(refreshToken: $refreshToken) }', { refreshToken: user.refreshToken });
    await eventually(() => gql(TASK, { id }, { url: gateway.url, token: user.accessToken }), (res) => res.status === 401, { what: 'the sign-out to reach the gateway' });
    const hitsBefore = await responseHits(gateway);
    const refused = await gql(TASK, { id }, { url: gateway.url, token: user.accessToken });
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
    expect(refused.data ?? null).toBeNull();
    expect((await responseHits(gateway)) - hitsBefore).toBe(0);
  });

  it("charges a cached answer to the caller's request budget like any other", async () => {
    const gateway = await startQuiet({ RATE_LIMIT_IP_POINTS: '40', RATE_LIMIT_WINDOW_SECONDS: '600' });
    const id = await postTaskAs(await signUpUser(), { title: 'Budgeted' });
    const statuses: number[] = [];
    for (let k = 0; k < 100 && !statuses.includes(429); k += 1) statuses.push((await gql(TASK, { id }, { url: gateway.url })).status);
    // Every answer after the first came from the cache, and the budget still ran out: the refused
    // last request found its answer but was not served it (Apollo answered the 429).
    expect(await responseHits(gateway)).toBe(statuses.length - 2);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true);
  });

  it('caches nothing that is not opted in', async () => {
    const gateway = await start({ GATEWAY_CACHE: 'Query.me' });
    const id = await postTaskAs(await signUpUser(), { title: 'Not opted in' });
    await titleVia(gateway, id);
    await titleVia(gateway, id);
    expect(await lookups(gateway, 'tasks')).toEqual({ hit: 0, miss: 0 });
    expect(await responseHits(gateway)).toBe(0);
  });
});
