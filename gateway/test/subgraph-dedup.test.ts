import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { IDENTITY_HEADER, signAccessToken } from '@sx/runtime';
import { eventually, gql, stackInfo, scrapeMetrics } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { startFakeSubgraph, type FakeAnswer, type FakeSubgraph, type RecordedRequest } from './fake-subgraph.js';
import { gatewayPath, startTestGateway } from './test-gateway.js';

const ME = '{ me { id name } }';
const USER = '{ user(id: "7c9e6679-7425-40de-944b-e07fc1f90ae7") { id name } }';
const RENAME = 'mutation { updateProfile(input: { name: "Same Name" }) { id name } }';

/** The signed-in user a subgraph request speaks for (null: anonymous), from the gateway's signed header. */
function viewerOf(req: RecordedRequest): string | null {
  const payload = JSON.parse(Buffer.from(String(req.headers[IDENTITY_HEADER]), 'base64url').toString('utf8')) as { sub: string | null };
  return payload.sub;
}

/** The gateway asking whether a token's user exists, not a fetch of a client's query. */
function isUserLookup(req: RecordedRequest): boolean {
  return req.body.includes('query KnownUser');
}

/** The users one lookup asks about (several when their requests arrived together). */
function lookedUp(req: RecordedRequest): { id: string }[] {
  return (JSON.parse(req.body) as { variables: { representations: { id: string }[] } }).variables.representations.map(({ id }) => ({ id }));
}

/** The fetches of clients' operations that reached the fake. */
function dataFetches(fake: FakeSubgraph): RecordedRequest[] {
  return fake.requests.filter((req) => !isUserLookup(req));
}

/**
 * A users subgraph that holds every answer until the test releases it, so the requests of a
 * test are all in flight at once. Each answer names the viewer it was made for.
 */
async function heldUsersSubgraph(): Promise<FakeSubgraph & { release: () => void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const answer = async (req: RecordedRequest): Promise<FakeAnswer> => {
    // The gateway's check that a token's user exists (known-users.ts) is answered at once: yes.
    if (isUserLookup(req)) return { json: { data: { _entities: lookedUp(req) } } };
    await released;
    const viewer = viewerOf(req) ?? 'anonymous';
    const user = { id: viewer, name: `answer for ${viewer}` };
    const body = JSON.parse(req.body) as { query: string };
    if (body.query.includes('updateProfile')) return { json: { data: { updateProfile: user } } };
    return { json: { data: /\bme\b/.test(body.query) ? { me: user } : { user } } };
  };
  return Object.assign(await startFakeSubgraph(answer), { release });
}

/** How many users fetches the query plans asked for, and how many of them another's fetch answered. */
async function usersFetches(gateway: RunningGateway): Promise<{ own: number; shared: number }> {
  const text = await scrapeMetrics(gateway.url);
  const count = (shared: string) => Number(new RegExp(`^sx_gateway_subgraph_fetches_total\\{subgraph="users",shared="${shared}"[^}]*\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { own: count('false'), shared: count('true') };
}

const tokenFor = (userId: string) => signAccessToken({ userId, roles: ['POSTER', 'TASKER'] }, stackInfo().secrets.jwtSecret);

describe('in-flight deduplication of subgraph fetches', () => {
  let fake: Awaited<ReturnType<typeof heldUsersSubgraph>>;
  let gateway: RunningGateway;

  async function start(): Promise<void> {
    fake = await heldUsersSubgraph();
    gateway = await startTestGateway({ USERS_URL: fake.url });
  }
  afterEach(async () => {
    fake.release();
    await gateway?.stop();
    await fake?.close();
  });

  /** Sends every request at once, waits until all of them reached the users data source, then lets the subgraph answer. */
  async function allInFlight<T>(requests: (() => Promise<T>)[]): Promise<T[]> {
    const answers = Promise.all(requests.map((send) => send()));
    await eventually(() => usersFetches(gateway), (f) => f.own + f.shared === requests.length, { what: 'every fetch in flight' });
    fake.release();
    return answers;
  }

  it('sends identical anonymous reads in flight to the subgraph once, and every caller gets the answer', async () => {
    await start();
    const answers = await allInFlight(Array.from({ length: 5 }, () => () => gql<{ user: { name: string } }>(USER, {}, { url: gateway.url })));
    expect(answers.map((a) => a.data?.user.name)).toEqual(Array(5).fill('answer for anonymous'));
    expect(dataFetches(fake)).toHaveLength(1);
    expect(await usersFetches(gateway)).toEqual({ own: 1, shared: 4 });
  });

  it("never gives one signed-in viewer another viewer's answer, even for the very same read", async () => {
    await start();
    const [alice, bob] = [randomUUID(), randomUUID()];
    const [aliceToken, bobToken] = await Promise.all([tokenFor(alice), tokenFor(bob)]);
    const send = (token: string | undefined) => () => gql<{ me: { id: string } }>(ME, {}, { url: gateway.url, token });
    const answers = await allInFlight([send(aliceToken), send(bobToken), send(aliceToken), send(bobToken), send(undefined)]);
    expect(answers.map((a) => a.data?.me.id)).toEqual([alice, bob, alice, bob, 'anonymous']);
    // One fetch per viewer scope: Alice's two reads share, Bob's two share, the anonymous one is alone.
    expect(dataFetches(fake).map(viewerOf).sort()).toEqual([alice, bob, null].sort());
  });

  it('never shares mutations: each identical one reaches the subgraph', async () => {
    await start();
    const token = await tokenFor(randomUUID());
    const answers = await allInFlight(Array.from({ length: 3 }, () => () => gql<{ updateProfile: { name: string } }>(RENAME, {}, { url: gateway.url, token })));
    expect(answers.every((a) => a.errors === undefined)).toBe(true);
    expect(dataFetches(fake)).toHaveLength(3);
    expect(await usersFetches(gateway)).toEqual({ own: 3, shared: 0 });
  });

  it('shares nothing after the answer: a read sent later goes to the subgraph again', async () => {
    await start();
    fake.release();
    await gql(USER, {}, { url: gateway.url });
    await gql(USER, {}, { url: gateway.url });
    expect(dataFetches(fake)).toHaveLength(2);
  });
});
