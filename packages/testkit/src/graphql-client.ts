import { inject } from 'vitest';
import type { StackInfo } from './stack-info.js';

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

let operationName: string | null = null;

/** Runs `fn` with every anonymous operation sent by `gql` named `name` (statement counting). */
export async function nameAnonymousOperations<T>(name: string, fn: () => Promise<T>): Promise<T> {
  operationName = name;
  try {
    return await fn();
  } finally {
    operationName = null;
  }
}

function named(query: string): string {
  if (!operationName) return query;
  return query.replace(/^\s*(query|mutation)\s*(?=[({])/, `$1 ${operationName}`).replace(/^\s*\{/, `query ${operationName} {`);
}

export function stackInfo(): StackInfo {
  return inject('stack');
}

/** Sends one operation over HTTP (to the gateway unless another URL is given). */
export async function gql<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  opts: { token?: string; url?: string; headers?: Record<string, string>; sign?: (body: string) => Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const body = JSON.stringify({ query: named(query), variables });
  const res = await fetch(opts.url ?? stackInfo().gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
      // Headers bound to the exact body sent (a subgraph's signature covers its hash).
      ...opts.sign?.(body),
    },
    body,
  });
  const answer = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.status, ...answer };
}

/** Like gql, but fails the test with the errors when there are any. */
export async function gqlOk<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  opts: { token?: string; url?: string } = {},
): Promise<T> {
  const res = await gql<T>(query, variables, opts);
  if (res.errors?.length || !res.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(res.errors ?? res)}`);
  }
  return res.data;
}

/** The error code of the first error, for terse assertions. */
export function errorCode(res: GraphQLResponse<unknown>): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}
