import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyHash, deriveIdentityKey, verifySubgraphRequest } from '@sx/runtime';
import { errorCode, gql, stackInfo } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { startFakeSubgraph, type FakeSubgraph } from './fake-subgraph.js';
import { startTestGateway } from './test-gateway.js';

/** user → reviews → author → reviews …: `rounds` adds four levels each, plus user and id. */
function deepQuery(rounds: number): string {
  let selection = 'id';
  for (let i = 0; i < rounds; i++) selection = `reviews { edges { node { author { ${selection} } } } }`;
  return `{ user(id: "7c9e6679-7425-40de-944b-e07fc1f90ae7") { ${selection} } }`;
}

function aliasedQuery(count: number): string {
  const fields = Array.from({ length: count }, (_, i) => `u${i}: user(id: "7c9e6679-7425-40de-944b-e07fc1f90ae7") { id }`);
  return `{ ${fields.join(' ')} }`;
}

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, headers: res.headers, json: (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] } };
}

describe('request guards', () => {
  // Every subgraph replaced by a recorder: it shows which requests got past the guards.
  let fake: FakeSubgraph;
  let gateway: RunningGateway;
  beforeAll(async () => {
    fake = await startFakeSubgraph(() => ({ json: { data: { user: null } } }));
    gateway = await startTestGateway(
      Object.fromEntries(['USERS_URL', 'TASKS_URL', 'BIDS_URL', 'WALLET_URL', 'REVIEWS_URL'].map((v) => [v, fake.url])),
    );
  });
  afterAll(async () => {
    await gateway?.stop();
    await fake?.close();
  });

  it('rejects a query deeper than 12 levels without calling any subgraph', async () => {
    const before = fake.requests.length;
    const res = await gql(deepQuery(3), {}, { url: gateway.url });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toContain('depth limit of 12');
    expect(fake.requests.length).toBe(before);

    // The same shape within the limit is planned and sent.
    const allowed = await gql(deepQuery(2), {}, { url: gateway.url });
    expect(allowed.errors).toBeUndefined();
    expect(fake.requests.length).toBe(before + 1);
  });

  it('rejects more than 15 aliases without calling any subgraph', async () => {
    const before = fake.requests.length;
    const res = await gql(aliasedQuery(16), {}, { url: gateway.url });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toContain('Aliases limit of 15');
    expect(fake.requests.length).toBe(before);

    const allowed = await gql(aliasedQuery(15), {}, { url: gateway.url });
    expect(allowed.errors).toBeUndefined();
    expect(fake.requests.length).toBe(before + 1);
  });

  it('rejects a document of more than 2000 tokens before parsing it', async () => {
    const before = fake.requests.length;
    const fields = Array.from({ length: 2_000 }, () => 'id').join(' ');
    const res = await gql(`{ user(id: "x") { ${fields} } }`, {}, { url: gateway.url });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.errors?.[0]?.message).toContain('2000 tokens');
    expect(fake.requests.length).toBe(before);
  });

  it('signs anonymous callers too, with their address and the request id it echoes', async () => {
    const before = fake.requests.length;
    const res = await post(gateway.url, JSON.stringify({ query: '{ user(id: "7c9e6679-7425-40de-944b-e07fc1f90ae7") { id } }' }));
    const sent = fake.requests[before];
    expect(sent).toBeDefined();
    const usersKey = deriveIdentityKey(stackInfo().secrets.identitySecret, 'users');
    const check = verifySubgraphRequest(sent?.headers ?? {}, [usersKey], { subgraph: 'users', method: 'POST', bodyHash: bodyHash(sent?.body ?? '') }, 5_000);
    expect(check).toEqual({ ok: true, identity: { userId: null, roles: [], ip: expect.stringContaining('127.0.0.1') }, requestId: expect.any(String) });
    expect(sent?.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-request-id')).toBe(sent?.headers['x-request-id']);
  });

  it("keeps a caller's plain request id and replaces one that is not", async () => {
    const query = JSON.stringify({ query: '{ user(id: "7c9e6679-7425-40de-944b-e07fc1f90ae7") { id } }' });
    const kept = await post(gateway.url, query, { 'x-request-id': 'mobile-42.retry-1' });
    expect(kept.headers.get('x-request-id')).toBe('mobile-42.retry-1');
    const replaced = await post(gateway.url, query, { 'x-request-id': 'has spaces and {braces}' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a body over 100kb with 413 PAYLOAD_TOO_LARGE', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(110 * 1024) } });
    const res = await post(stackInfo().gatewayUrl, body);
    expect(res.status).toBe(413);
    expect(res.json.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.json.errors?.[0]?.message).toContain('100kb');
  });

  it('answers a body that is not JSON with 400 BAD_REQUEST', async () => {
    const res = await post(stackInfo().gatewayUrl, '{"query": ');
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('echoes an allowed Origin in Access-Control-Allow-Origin', async () => {
    const res = await post(stackInfo().gatewayUrl, JSON.stringify({ query: '{ __typename }' }), { origin: 'http://localhost:5173' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('gives another Origin no Access-Control-Allow-Origin header', async () => {
    const res = await post(stackInfo().gatewayUrl, JSON.stringify({ query: '{ __typename }' }), { origin: 'https://evil.example' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the Authorization header in a preflight from an allowed origin only', async () => {
    const preflight = (origin: string) =>
      fetch(stackInfo().gatewayUrl, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const allowed = await preflight('http://localhost:3000');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
