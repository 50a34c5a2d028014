import { DEV_IDENTITY_SECRET, signIdentity } from '@sx/runtime';
import type { Identity } from '@sx/core';
import { gql, stackInfo, type GraphQLResponse } from './graphql-client.js';

/**
 * Calls one subgraph directly, signing the identity as the gateway would (integration tests
 * of a subgraph without the gateway in the path). The stack runs with the dev secret.
 */
export function subgraphGql<T = Record<string, unknown>>(
  service: string,
  query: string,
  variables: Record<string, unknown> = {},
  identity: Partial<Identity> = {},
): Promise<GraphQLResponse<T>> {
  const base = stackInfo().services[service];
  if (!base) throw new Error(`service ${service} is not running in this test stack`);
  const headers = signIdentity({ userId: null, roles: [], ip: '127.0.0.1', ...identity }, DEV_IDENTITY_SECRET);
  return gql<T>(query, variables, { url: `${base}/graphql`, headers });
}
