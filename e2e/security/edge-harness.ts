import { randomUUID } from 'node:crypto';
import { launchStack, type RunningStack } from '@sx/stack';
import { stackInfo, type GraphQLErrorShape } from '@sx/testkit';

/** An answer of the gateway with what the security tests look at: status, headers, body. */
export interface EdgeResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

/**
 * One POST to a gateway as a client at `ip` (sent as X-Forwarded-For, which a gateway believes
 * only with TRUST_PROXY), optionally signed in, with the raw body given or built from a query.
 */
export async function post<T = Record<string, unknown>>(
  url: string,
  body: { query: string; variables?: Record<string, unknown>; operationName?: string } | string,
  opts: { ip?: string; token?: string } = {},
): Promise<EdgeResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.ip ? { 'x-forwarded-for': opts.ip } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as { data?: T | null; errors?: GraphQLErrorShape[] };
  return { status: res.status, headers: res.headers, ...json };
}

/** A documentation-range IPv4 address of its own per call (per-address limits never meet). */
export function freshIp(): string {
  const byte = () => Math.floor(Math.random() * 254) + 1;
  return `198.18.${byte()}.${byte()}`;
}

export function uniqueEmail(label: string): string {
  return `${label}.${randomUUID()}@example.test`;
}

export const PASSWORD = 'correct horse battery staple';
export const AUTH = 'accessToken refreshToken user { id }';

/**
 * A users subgraph of the test's own with the production defaults of its limits (the run's
 * shared one has sign-ups lifted), on the run's database and streams, with counters of its own.
 * Route a test gateway to it with `USERS_URL: users.url`.
 */
export async function startOwnUsers(env: Record<string, string> = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  const info = stackInfo();
  const stack: RunningStack = await launchStack({
    databaseUrl: info.databaseUrl,
    randomPorts: true,
    only: ['users'],
    // The run's secrets, so the run's gateways sign for it and its tokens are theirs.
    secrets: info.secrets,
    output: process.env.STACK_LOGS === '1' ? 'inherit' : 'quiet',
    env: { LOG_LEVEL: 'warn', NODE_ENV: 'test', EVENTS_NAMESPACE: info.eventsNamespace, RATE_LIMIT_KEY_PREFIX: `sx:test-users:${randomUUID()}:`, ...env },
  });
  const users = stack.processes.get('users');
  if (!users) throw new Error('the users subgraph did not start');
  return { url: `${users.baseUrl}/graphql`, stop: stack.stop };
}
