import { describe, expect, it } from 'vitest';
import { API_SECURITY_HEADERS } from '@sx/runtime';
import { errorCode, gql, stackInfo } from '@sx/testkit';
import { startTestGateway } from '../../gateway/test/test-gateway.js';

/** Every process of the stack by name, with its base URL (no path). */
function processes(): [string, string][] {
  return Object.entries(stackInfo().services);
}

function expectSecurityHeaders(res: Response, where: string): void {
  for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) {
    // Express's own 404 sets the bare `default-src 'none'`, which allows just as little.
    if (name === 'Content-Security-Policy' && res.status === 404) expect(res.headers.get(name), where).toMatch(/^default-src 'none'/);
    else expect(res.headers.get(name), `${where}: ${name}`).toBe(value);
  }
  expect(res.headers.get('x-powered-by'), `${where}: X-Powered-By`).toBeNull();
}

describe('small surfaces (F12)', () => {
  it('sends the security headers and no X-Powered-By on every answer of every process, refusals and 404s included', async () => {
    for (const [name, base] of processes()) {
      for (const [what, res] of [
        ['POST /graphql', await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })],
        ['GET /healthz', await fetch(`${base}/healthz`)],
        ['GET /nowhere', await fetch(`${base}/nowhere`)],
      ] as const) {
        expectSecurityHeaders(res, `${name} ${what}`);
      }
    }
  });

  it('serves /metrics only to the METRICS_TOKEN holder, and /readyz details likewise', async () => {
    const { metricsToken } = stackInfo().secrets;
    for (const [name, base] of processes()) {
      const anonymous = await fetch(`${base}/metrics`);
      expect(anonymous.status, name).toBe(401);
      expect(await anonymous.text(), name).not.toContain('sx_');
      const wrong = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken.slice(1)}x` } });
      expect(wrong.status, name).toBe(401);
      const scraper = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
      expect(scraper.status, name).toBe(200);
      expect(await scraper.text(), name).toContain('process_cpu_seconds_total');

      const ready = (await (await fetch(`${base}/readyz`)).json()) as Record<string, unknown>;
      expect(ready, name).toEqual({ status: 'ready', service: name });
    }
  });

  it('turns /metrics off when no METRICS_TOKEN is set', async () => {
    const gateway = await startTestGateway({ METRICS_TOKEN: '' });
    try {
      const res = await fetch(new URL('/metrics', gateway.url));
      expect(res.status).toBe(404);
    } finally {
      await gateway.stop();
    }
  });

  it('names no subgraph in the errors of a production gateway (serviceName)', async () => {
    const development = await gql('{ tasks(first: 101) { edges { cursor } } }');
    expect(development.errors?.[0]?.extensions?.serviceName).toBe('tasks');
    const gateway = await startTestGateway({ NODE_ENV: 'production' });
    try {
      const res = await gql('{ tasks(first: 101) { edges { cursor } } }', {}, { url: gateway.url });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions).not.toHaveProperty('serviceName');
    } finally {
      await gateway.stop();
    }
  });
});
