import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRAPHIQL_DIST } from '../src/graphiql.js';
import type { RunningGateway } from '../src/server.js';
import { gatewayPath, startTestGateway } from './test-gateway.js';

// What a browser sends when someone opens the URL.
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
// Production refuses weak secrets; the test gateway has the run's random ones.
const PRODUCTION = { NODE_ENV: 'production' };

async function withGateway(env: Record<string, string>, fn: (gateway: RunningGateway) => Promise<void>): Promise<void> {
  const gateway = await startTestGateway(env);
  try {
    await fn(gateway);
  } finally {
    await gateway.stop();
  }
}

function openInBrowser(gateway: RunningGateway): Promise<Response> {
  return fetch(gateway.url, { headers: { accept: BROWSER_ACCEPT } });
}

/** The script and stylesheet paths a GraphiQL page loads. */
function assetPaths(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/graphiql\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
}

/** The current build's entry script, read from the bundle on disk (for gateways that do not serve the page). */
function builtEntryScript(): string {
  const [entry] = assetPaths(readFileSync(path.join(GRAPHIQL_DIST, 'index.html'), 'utf8'));
  if (!entry) throw new Error('the GraphiQL build has no entry script');
  return entry;
}

async function post(gateway: RunningGateway, query: string) {
  const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] } };
}

async function expectGraphiqlServed(gateway: RunningGateway): Promise<void> {
  const page = await openInBrowser(gateway);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  const csp = page.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  const html = await page.text();
  expect(html).toContain('<div id="graphiql">');
  // Everything the page loads is on this gateway: no CDN, no web fonts.
  expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);

  const assets = assetPaths(html);
  expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
  expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
  for (const asset of assets) {
    const res = await fetch(gatewayPath(gateway.url, asset));
    expect(res.status, asset).toBe(200);
    expect(res.headers.get('content-type'), asset).toMatch(asset.endsWith('.css') ? /^text\/css/ : /javascript/);
    expect((await res.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
  }
}

async function expectGraphiqlAbsent(gateway: RunningGateway): Promise<void> {
  const page = await openInBrowser(gateway);
  // Apollo's own answer to a GET without a query (its landing page is disabled).
  expect(page.status).toBe(400);
  expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  expect(await page.text()).not.toMatch(/graphiql/i);
  const asset = await fetch(gatewayPath(gateway.url, builtEntryScript()));
  expect(asset.status).toBe(404);
  await asset.arrayBuffer();
}

async function introspect(gateway: RunningGateway) {
  return post(gateway, '{ __schema { queryType { name } } }');
}

describe('GraphiQL at GET /graphql', () => {
  it('is served with its bundled assets in development, and API clients still reach Apollo', async () => {
    await withGateway({}, async (gateway) => {
      await expectGraphiqlServed(gateway);

      const byPost = await post(gateway, '{ __typename }');
      expect(byPost.body).toEqual({ data: { __typename: 'Query' } });
      // A GET that asks for JSON is a GraphQL request, not a page view.
      const byGet = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
      });
      expect(byGet.status).toBe(200);
      expect(await byGet.json()).toEqual({ data: { __typename: 'Query' } });

      const schema = await introspect(gateway);
      expect(schema.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    });
  });

  it('is absent under NODE_ENV=production, where introspection is refused too', async () => {
    await withGateway(PRODUCTION, async (gateway) => {
      await expectGraphiqlAbsent(gateway);

      const schema = await introspect(gateway);
      expect(schema.status).toBe(400);
      expect(schema.body.data).toBeUndefined();
      expect(schema.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(schema.body.errors?.[0]?.message).toMatch(/introspection/i);
      expect((await post(gateway, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
    });
  });

  it('GRAPHIQL=true turns it on in production without turning introspection on', async () => {
    await withGateway({ ...PRODUCTION, GRAPHIQL: 'true' }, async (gateway) => {
      await expectGraphiqlServed(gateway);
      expect((await introspect(gateway)).body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });

  it('GRAPHIQL=false turns it off in development without turning introspection off', async () => {
    await withGateway({ GRAPHIQL: 'false' }, async (gateway) => {
      await expectGraphiqlAbsent(gateway);
      expect((await introspect(gateway)).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    });
  });
});
