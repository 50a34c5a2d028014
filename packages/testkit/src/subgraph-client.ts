import { randomUUID } from 'node:crypto';
import { deriveIdentityKey, signSubgraphRequest } from '@sx/runtime';
import type { Identity } from '@sx/core';
import { gql, stackInfo, type GraphQLResponse } from './graphql-client.js';

/**
 * Signs a request to subgraph `service` as the gateway would, with the run's own secret (the
 * one signing function: signSubgraphRequest).
 */
export function signedAsGateway(service: string, identity: Partial<Identity> = {}): (body: string) => Record<string, string> {
  const key = deriveIdentityKey(stackInfo().secrets.identitySecret, service);
  return (body) => signSubgraphRequest({ userId: null, roles: [], ip: '127.0.0.1', ...identity }, key, { subgraph: service, method: 'POST', body, requestId: randomUUID() });
}

/**
 * Calls one subgraph directly, signing the identity as the gateway would (integration tests
 * of a subgraph without the gateway in the path).
 */
export function subgraphGql<T = Record<string, unknown>>(
  service: string,
  query: string,
  variables: Record<string, unknown> = {},
  identity: Partial<Identity> = {},
): Promise<GraphQLResponse<T>> {
  const base = stackInfo().services[service];
  if (!base) throw new Error(`service ${service} is not running in this test stack`);
  return gql<T>(query, variables, { url: `${base}/graphql`, sign: signedAsGateway(service, identity) });
}

/** /metrics of a process, with the run's METRICS_TOKEN. */
export async function scrapeMetrics(baseUrl: string, token = stackInfo().secrets.metricsToken): Promise<string> {
  const res = await fetch(`${baseUrl.replace(/\/graphql$/, '')}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${baseUrl}/metrics answered ${res.status}`);
  return res.text();
}

/**
 * The base URL of every instance of `service`: one in the single stack; against the cluster
 * (STACK_CLUSTER=1) each instance's own address, not the load balancer's, which would answer
 * for whichever instance it picked.
 */
export function instanceBaseUrls(service: string): string[] {
  const info = stackInfo();
  const bases = info.instances?.[service] ?? [info.services[service]].filter((b): b is string => Boolean(b));
  if (bases.length === 0) throw new Error(`service ${service} is not running in this test stack`);
  return bases;
}

/** /readyz of a process with its details (METRICS_TOKEN holders only). */
export async function readyzDetails(baseUrl: string, token = stackInfo().secrets.metricsToken): Promise<Response> {
  return fetch(`${baseUrl.replace(/\/graphql$/, '')}/readyz`, { headers: { authorization: `Bearer ${token}` } });
}
