import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '@sx/runtime';
import { scrapeMetrics, stackInfo } from '@sx/testkit';
import type { RunningGateway } from '../src/server.js';
import { startFakeSubgraph, type FakeSubgraph } from './fake-subgraph.js';
import { startTestGateway } from './test-gateway.js';

/** tasks → poster → postedTasks … five levels of four: deeper than MAX_QUERY_DEPTH (12). */
function deepDocument(leaf: string): string {
  let inner = leaf;
  for (let level = 0; level < 4; level += 1) inner = `postedTasks(first: 2) { edges { node { poster { ${inner} } } } }`;
  return `{ tasks(first: 2) { edges { node { poster { ${inner} } } } } }`;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, requestId: res.headers.get('x-request-id'), text: await res.text() };
}

function counter(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}` : ''}`) && !l.startsWith('#'));
  return Number(line?.split(' ').pop() ?? 0);
}

describe('documents the guards refused are answered again without parsing them (issue 12)', () => {
  let fake: FakeSubgraph;
  let gateway: RunningGateway;
  const metrics = async () => scrapeMetrics(gateway.url);
  const refusalsCounted = (text: string) => counter(text, 'sx_gateway_requests_total', 'operation_type="unknown",outcome="GRAPHQL_VALIDATION_FAILED"');
  beforeAll(async () => {
    // Every subgraph a recorder; users says yes to every account it is asked about.
    fake = await startFakeSubgraph((req) => {
      const body = JSON.parse(req.body) as { variables?: { representations?: { id: string }[] } };
      return { json: { data: { _entities: body.variables?.representations?.map(({ id }) => ({ id })) ?? null } } };
    });
    gateway = await startTestGateway(Object.fromEntries(['USERS_URL', 'TASKS_URL', 'BIDS_URL', 'WALLET_URL', 'REVIEWS_URL'].map((v) => [v, fake.url])));
  });
  afterAll(async () => {
    await gateway?.stop();
    await fake?.close();
  });

  it('answers a refused document the second time exactly as the first, counted and logged, without reaching a subgraph', async () => {
    const query = deepDocument('id');
    const before = await metrics();
    const first = await post(gateway.url, { query });
    const second = await post(gateway.url, { query, variables: { unused: 1 } }, { 'x-request-id': 'second-try' });
    expect(first.status).toBe(400);
    expect(JSON.parse(first.text).errors[0].message).toContain('limit of');
    expect(second).toEqual({ status: 400, requestId: 'second-try', text: first.text });
    const after = await metrics();
    expect(counter(after, 'sx_gateway_known_refusals_total') - counter(before, 'sx_gateway_known_refusals_total')).toBe(1);
    expect(refusalsCounted(after) - refusalsCounted(before)).toBe(2);
    expect(fake.requests.filter((r) => !r.body.includes('query KnownUser'))).toHaveLength(0);
  });

  it('remembers the tidied answer: many errors come back as the capped list the first answer had', async () => {
    const query = `{ ${Array.from({ length: 30 }, (_, i) => `f${i}: nope${i}`).join(' ')} }`;
    const first = await post(gateway.url, { query });
    const second = await post(gateway.url, { query });
    expect(first.status).toBe(400);
    expect(JSON.parse(first.text).errors).toHaveLength(11); // MAX_RESPONSE_ERRORS (10) and a last one
    expect(second.text).toBe(first.text);
  });

  it('remembers syntax errors too', async () => {
    const first = await post(gateway.url, { query: '{ tasks(first: 2 { id }' });
    const before = counter(await metrics(), 'sx_gateway_known_refusals_total');
    const second = await post(gateway.url, { query: '{ tasks(first: 2 { id }' });
    expect(first.status).toBe(400);
    expect(JSON.parse(first.text).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(second.text).toBe(first.text);
    expect(counter(await metrics(), 'sx_gateway_known_refusals_total')).toBe(before + 1);
  });

  it('still checks the token first: a remembered document with a bad token is answered 401, with a good one 400', async () => {
    const query = deepDocument('id name');
    expect((await post(gateway.url, { query })).status).toBe(400);
    const bad = await post(gateway.url, { query }, { authorization: 'Bearer not-a-token' });
    expect(bad.status).toBe(401);
    expect(JSON.parse(bad.text).errors[0].extensions.reason).toBe('ACCESS_TOKEN_INVALID');
    const token = await signAccessToken({ userId: randomUUID(), roles: ['POSTER', 'TASKER'] }, stackInfo().secrets.jwtSecret);
    const good = await post(gateway.url, { query }, { authorization: `Bearer ${token}` });
    expect(good.status).toBe(400);
    expect(JSON.parse(good.text).errors[0].message).toContain('limit of');
  });

  it('leaves a request Apollo would refuse for its shape to Apollo', async () => {
    const query = deepDocument('id');
    await post(gateway.url, { query });
    const res = await post(gateway.url, { query, variables: 'not an object' });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('limit of');
  });
});
