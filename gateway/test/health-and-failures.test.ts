import { describe, expect, it } from 'vitest';
import { freePort, SUBGRAPHS } from '@sx/stack';
import { errorCode, eventually, gql, gqlOk, signUpUser, stackInfo, scrapeMetrics, readyzDetails } from '@sx/testkit';
import { startFakeSubgraph } from './fake-subgraph.js';
import { gatewayPath, startTestGateway } from './test-gateway.js';

/** The value of the sample `name{…}` carrying all `labels` (in any order), or undefined. */
function metricValue(text: string, name: string, labels: string[]): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.every((label) => l.includes(label)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('gateway health, readiness and failures', () => {
  it('answers /healthz while the process is up', async () => {
    const res = await fetch(gatewayPath(stackInfo().gatewayUrl, '/healthz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', service: 'gateway' });
  });

  it('is ready when every subgraph of the supergraph is ready', async () => {
    const res = await readyzDetails(stackInfo().gatewayUrl);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; subgraphs: string[] };
    expect(body.status).toBe('ready');
    // Every subgraph npm start runs (the supergraph composes them all).
    expect([...body.subgraphs].sort()).toEqual(SUBGRAPHS.map((s) => s.name).sort());
  });

  it('reports 503 naming the subgraph that does not answer, and masks the failure in queries', async () => {
    const user = await signUpUser();
    const gateway = await startTestGateway({ REVIEWS_URL: `http://127.0.0.1:${await freePort()}/graphql` });
    try {
      // The live feed may still be attaching to its streams just after start: wait for it, then
      // the one failing part is the subgraph that does not answer.
      const ready = await eventually(
        async () => { const res = await readyzDetails(gateway.url); return { status: res.status, body: await res.json() }; },
        (r) => JSON.stringify((r.body as { failing?: unknown }).failing) === JSON.stringify(["reviews"]),
        { what: 'readiness failing only reviews' },
      );
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'unavailable', service: 'gateway', dependencies: { reviews: { ok: false, required: true }, users: { ok: true } } });

      // users still answers through this gateway; the part that needs reviews is null, and the
      // error names the missing part without its address or the socket error.
      const own = await gqlOk<{ user: { id: string } }>('query($id: ID!) { user(id: $id) { id } }', { id: user.id }, { url: gateway.url });
      expect(own.user.id).toBe(user.id);
      const res = await gql('query($id: ID!) { user(id: $id) { id rating { count } } }', { id: user.id }, { url: gateway.url });
      expect(errorCode(res)).toBe('UNAVAILABLE');
      // rating is non-null, so its null reaches the nullable user.
      expect(res.data).toEqual({ user: null });
      const error = res.errors?.[0];
      expect(error?.extensions).toMatchObject({ reason: 'SUBGRAPH_UNAVAILABLE', subgraph: 'reviews', retryable: true });
      expect(error?.message).toMatch(/reviews service is unavailable/);
      expect(JSON.stringify(res)).not.toMatch(/stacktrace|ECONNREFUSED|127\.0\.0\.1/);
    } finally {
      await gateway.stop();
    }
  });

  it('passes a subgraph error code and message through unchanged', async () => {
    const res = await gql('{ tasks(first: 101) { edges { cursor } } }');
    expect(res.status).toBe(200);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('at most 100');
    expect(res.errors?.[0]?.extensions?.serviceName).toBe('tasks');
  });

  it("keeps a subgraph's trace id when the subgraph already masked an internal error", async () => {
    const fake = await startFakeSubgraph(() => ({
      json: {
        data: { user: null },
        errors: [{ message: 'Internal error; quote trace id 0f6a1c2e-1111-4222-8333-944455556666 when reporting it.', path: ['user'], extensions: { code: 'INTERNAL_SERVER_ERROR', traceId: '0f6a1c2e-1111-4222-8333-944455556666' } }],
      },
    }));
    const gateway = await startTestGateway({ USERS_URL: fake.url });
    try {
      const res = await gql('{ user(id: "7c9e6679-7425-40de-944b-e07fc1f90ae7") { id } }', {}, { url: gateway.url });
      expect(res.errors).toEqual([
        {
          message: 'Internal error; quote trace id 0f6a1c2e-1111-4222-8333-944455556666 when reporting it.',
          path: ['user'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', traceId: '0f6a1c2e-1111-4222-8333-944455556666', serviceName: 'users' },
        },
      ]);
    } finally {
      await gateway.stop();
      await fake.close();
    }
  });

  it('gives up on a subgraph that does not answer within SUBGRAPH_TIMEOUT_MS, keeping the rest of the response', async () => {
    const fake = await startFakeSubgraph(() => 'hang');
    const gateway = await startTestGateway({ USERS_URL: fake.url, SUBGRAPH_TIMEOUT_MS: '300' });
    try {
      const started = Date.now();
      const res = await gql('{ user(id: "7c9e6679-7425-40de-944b-e07fc1f90ae7") { id } }', {}, { url: gateway.url });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(errorCode(res)).toBe('UNAVAILABLE');
      expect(res.errors?.[0]?.extensions).toMatchObject({ reason: 'SUBGRAPH_UNAVAILABLE', subgraph: 'users' });
      expect(res.data).toEqual({ user: null });
      // A timed-out read is not sent again: a slow subgraph would only get more work.
      expect(fake.requests.length).toBe(1);
    } finally {
      await gateway.stop();
      await fake.close();
    }
  });

  it('masks a subgraph that refuses the request instead of relaying its 401 to the caller', async () => {
    const fake = await startFakeSubgraph(() => ({ status: 401, json: { errors: [{ message: 'Requests must come through the gateway (bad identity signature).', extensions: { code: 'UNAUTHENTICATED' } }] } }));
    const gateway = await startTestGateway({ USERS_URL: fake.url });
    try {
      const res = await gql('{ user(id: "7c9e6679-7425-40de-944b-e07fc1f90ae7") { id } }', {}, { url: gateway.url });
      expect(res.status).toBe(200);
      expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(res.errors)).not.toContain(fake.url);
    } finally {
      await gateway.stop();
      await fake.close();
    }
  });

  it('counts requests by operation type and outcome on /metrics', async () => {
    const gateway = await startTestGateway();
    try {
      await gql('{ __typename }', {}, { url: gateway.url });
      await gql('{ tasks(first: 101) { edges { cursor } } }', {}, { url: gateway.url });
      await gql('{ me { id } }', {}, { url: gateway.url, token: 'garbage' });
      const text = await scrapeMetrics(gateway.url);
      const requests = (labels: string[]) => metricValue(text, 'sx_gateway_requests_total', labels);
      expect(requests(['operation_type="query"', 'outcome="ok"'])).toBe(1);
      expect(requests(['operation_type="query"', 'outcome="BAD_USER_INPUT"'])).toBe(1);
      expect(requests(['operation_type="unknown"', 'outcome="UNAUTHENTICATED"'])).toBe(1);
      expect(metricValue(text, 'sx_gateway_request_duration_seconds_count', ['operation_type="query"', 'outcome="ok"'])).toBe(1);
    } finally {
      await gateway.stop();
    }
  });
});
