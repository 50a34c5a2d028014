/**
 * The identity Hive Gateway and the stock Apollo gateway sign for our subgraphs: the same
 * access-token check and the same signed headers as our gateway, so all three reach the same
 * subgraphs on the same terms.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { deriveIdentityKey, signSubgraphRequest, verifyAccessToken } from '@sx/runtime';
import { ANONYMOUS, type Identity } from '@sx/core';
import { randomSecret } from '@sx/stack';
import { bearerToken } from '../../gateway/src/bearer-token.js';

export async function viewerOf(authorization: string | null | undefined, jwtSecret: string): Promise<Identity> {
  if (!authorization) return ANONYMOUS;
  const token = bearerToken(authorization);
  const check = token ? await verifyAccessToken(token, jwtSecret) : { ok: false as const };
  if (!check.ok) throw new GraphQLError('Your access token is not valid.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  return { userId: check.claims.userId, roles: check.claims.roles, ip: null };
}

/** Signed as our gateway signs (the one signing function), for subgraph `subgraph` and this body. */
export function signedHeaders(identity: Identity | undefined, identitySecret: string, subgraph: string, body: string): Record<string, string> {
  const key = deriveIdentityKey(identitySecret, subgraph);
  return signSubgraphRequest(identity ?? ANONYMOUS, key, { subgraph, method: 'POST', body, requestId: randomUUID() });
}

/**
 * The bench run's secrets: made fresh by the bench's main process and put in its environment,
 * so every process it starts (our stack, Hive Gateway, the stock gateway) inherits the same.
 */
export function benchSecrets(): { IDENTITY_SECRET: string; JWT_SECRET: string; METRICS_TOKEN: string } {
  process.env.IDENTITY_SECRET ??= randomSecret();
  process.env.JWT_SECRET ??= randomSecret();
  process.env.METRICS_TOKEN ??= randomSecret();
  return { IDENTITY_SECRET: process.env.IDENTITY_SECRET, JWT_SECRET: process.env.JWT_SECRET, METRICS_TOKEN: process.env.METRICS_TOKEN };
}

/** Subgraph names by URL, from a supergraph's `join__graph(name: …, url: …)` entries. */
export function subgraphNamesByUrl(supergraphSdl: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const match of supergraphSdl.matchAll(/join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    const [, name, url] = match;
    if (name && url) names.set(url, name);
  }
  return names;
}
