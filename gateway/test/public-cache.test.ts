import { afterEach, describe, expect, it } from 'vitest';
import { deleteStreams, gqlOk, postTaskAs, signUpUser, type TestUser } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { fetchesOf, lookups, silentNamespace } from './cache-metrics.js';
import { startCountingProxy, type CountingProxy } from './counting-proxy.js';
import { startTestGateway } from './test-gateway.js';

const CACHED = 'Query.task,Query.tasks,User,Task';
/** The bench's (b) listing, narrowed to one poster's tasks so the test owns every row. */
const LISTING = (posterFields: string) => `query($poster: ID!) { tasks(first: 5, filter: { posterId: $poster }) { edges { node { id title bidCount poster { id ${posterFields} } } } } }`;
const PUBLIC_LISTING = LISTING('name rating { average count }');
const SUBGRAPHS = ['tasks', 'users', 'reviews', 'bids'] as const;

type Counts = Record<(typeof SUBGRAPHS)[number], number>;

async function fetchCounts(gateway: RunningGateway): Promise<Counts> {
  const counts = await Promise.all(SUBGRAPHS.map((subgraph) => fetchesOf(gateway, subgraph)));
  return Object.fromEntries(SUBGRAPHS.map((subgraph, k) => [subgraph, counts[k]])) as Counts;
}

/** Subgraph fetches one read made, per subgraph. */
async function fetchesFor<T>(gateway: RunningGateway, read: () => Promise<T>): Promise<{ answer: T; fetches: Counts }> {
  const before = await fetchCounts(gateway);
  const answer = await read();
  const after = await fetchCounts(gateway);
  return { answer, fetches: Object.fromEntries(SUBGRAPHS.map((s) => [s, after[s] - before[s]])) as Counts };
}

describe('public fields in the event-invalidated cache', () => {
  const gateways: RunningGateway[] = [];
  const namespaces: string[] = [];
  let proxy: CountingProxy | undefined;
  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((g) => g.stop()));
    for (const namespace of namespaces.splice(0)) await deleteStreams(namespace);
    await proxy?.close();
    proxy = undefined;
  });

  /** A cached gateway that hears no events: only its own mutations drop its answers. */
  const startQuiet = async (env: Record<string, string> = {}) => {
    const namespace = await silentNamespace();
    namespaces.push(namespace);
    const gateway = await startTestGateway({ GATEWAY_CACHE: CACHED, EVENTS_NAMESPACE: namespace, ...env });
    gateways.push(gateway);
    return gateway;
  };

  /** A poster with one task, and two other viewers with different roles. */
  const people = async () => {
    const poster = await signUpUser({ name: 'Public Poster' });
    const id = await postTaskAs(poster, { title: 'Listed for all' });
    return { poster, id, ada: await signUpUser({ roles: ['TASKER'] }), bo: await signUpUser({ roles: ['POSTER'] }) };
  };
  const read = (gateway: RunningGateway, query: string, poster: TestUser, viewer?: TestUser) =>
    gqlOk<{ tasks: { edges: { node: Record<string, unknown> }[] } }>(query, { poster: poster.id }, { url: gateway.url, token: viewer?.accessToken });

  it("serves a second signed-in viewer the listing's public fetches from the first viewer's entries", async () => {
    const gateway = await startQuiet({ CACHE_RESPONSE_MAX_BYTES: '0' });
    const { poster, id, ada, bo } = await people();
    const first = await fetchesFor(gateway, () => read(gateway, PUBLIC_LISTING, poster, ada));
    expect(first.fetches).toEqual({ tasks: 1, users: 1, reviews: 1, bids: 1 });
    const publicHits = [await lookups(gateway, 'users', 'public'), await lookups(gateway, 'reviews', 'public'), await lookups(gateway, 'bids', 'public')];
    const second = await fetchesFor(gateway, () => read(gateway, PUBLIC_LISTING, poster, bo));
    // The listing itself is filtered by viewer (hidden tasks), so it stays in Bo's own scope.
    expect(second.fetches).toEqual({ tasks: 1, users: 0, reviews: 0, bids: 0 });
    expect([await lookups(gateway, 'users', 'public'), await lookups(gateway, 'reviews', 'public'), await lookups(gateway, 'bids', 'public')]).toEqual(publicHits.map((l) => ({ hit: l.hit + 1, miss: l.miss })));
    expect(second.answer).toEqual(first.answer);
    expect(second.answer.tasks.edges).toEqual([{ node: { id, title: 'Listed for all', bidCount: 0, poster: { id: poster.id, name: 'Public Poster', rating: { average: null, count: 0 } } } }]);
  });

  it('sends a public fetch signed as anonymous, and a private one as its viewer', async () => {
    proxy = await startCountingProxy();
    const gateway = await startQuiet({ ...proxy.env, CACHE_RESPONSE_MAX_BYTES: '0' });
    const { poster, ada } = await people();
    proxy.requests.splice(0);
    await read(gateway, PUBLIC_LISTING, poster, ada);
    const signed = Object.fromEntries(proxy.requests.map((r) => [r.subgraph, r.signedUserId]));
    expect(signed).toEqual({ tasks: ada.id, users: null, reviews: null, bids: null });
  });

  it("never serves a fetch with a private field across viewers, nor one with a field that is not marked public", async () => {
    const gateway = await startQuiet({ CACHE_RESPONSE_MAX_BYTES: '0' });
    const { poster, bo } = await people();
    for (const [field, owners, others] of [
      ['email', poster.email, null],
      ['bio', null, null],
    ] as const) {
      const query = LISTING(`name ${field}`);
      // The owner's answer (with their email) is fetched and cached first, in the owner's scope.
      const own = await fetchesFor(gateway, () => read(gateway, query, poster, poster));
      expect(own.answer.tasks.edges[0]?.node['poster']).toMatchObject({ name: 'Public Poster', [field]: owners });
      const other = await fetchesFor(gateway, () => read(gateway, query, poster, bo));
      expect(other.fetches.users).toBe(1);
      expect(other.answer.tasks.edges[0]?.node['poster']).toMatchObject({ name: 'Public Poster', [field]: others });
    }
  });

  it("drops the shared entries for every viewer when one viewer's mutation changes their subgraph", async () => {
    // Hears no events: only the mutation's own invalidation can drop the shared name. A 1 ms
    // grace, so the read after the change may store its answer again at once.
    const gateway = await startQuiet({ CACHE_RESPONSE_MAX_BYTES: '0', CACHE_GRACE_MS: '1' });
    const { poster, ada, bo } = await people();
    await read(gateway, PUBLIC_LISTING, poster, ada);
    expect((await fetchesFor(gateway, () => read(gateway, PUBLIC_LISTING, poster, bo))).fetches.users).toBe(0);
    await gqlOk('mutation($name: String!) { updateProfile(input: { name: $name }) { name } }', { name: 'Renamed Poster' }, { url: gateway.url, token: poster.accessToken });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const after = await fetchesFor(gateway, () => read(gateway, PUBLIC_LISTING, poster, bo));
    expect(after.fetches.users).toBe(1);
    expect(after.answer.tasks.edges[0]?.node['poster']).toMatchObject({ name: 'Renamed Poster' });
    // Ada, who read before the change, is served the new name too, from the refilled shared entry.
    const ada2 = await fetchesFor(gateway, () => read(gateway, PUBLIC_LISTING, poster, ada));
    expect(ada2.fetches.users).toBe(0);
    expect(ada2.answer.tasks.edges[0]?.node['poster']).toMatchObject({ name: 'Renamed Poster' });
  });

  it('keeps every viewer in their own scope when CACHE_PUBLIC=false', async () => {
    const gateway = await startQuiet({ CACHE_PUBLIC: 'false', CACHE_RESPONSE_MAX_BYTES: '0' });
    const { poster, ada, bo } = await people();
    await read(gateway, PUBLIC_LISTING, poster, ada);
    expect((await fetchesFor(gateway, () => read(gateway, PUBLIC_LISTING, poster, bo))).fetches).toEqual({ tasks: 1, users: 1, reviews: 1, bids: 1 });
    expect(await lookups(gateway, 'users', 'public')).toEqual({ hit: 0, miss: 0 });
  });
});
