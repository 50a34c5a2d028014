/**
 * The identity Hive Gateway and the stock Apollo gateway sign for our subgraphs: the same
 * access-token check and the same signed headers as our gateway, so all three reach the same
 * subgraphs on the same terms.
 */
import { GraphQLError } from 'graphql';
import { signIdentity, verifyAccessToken } from '@sx/runtime';
import { ANONYMOUS, type Identity } from '@sx/core';
import { bearerToken } from '../../gateway/src/bearer-token.js';

export async function viewerOf(authorization: string | null | undefined, jwtSecret: string): Promise<Identity> {
  if (!authorization) return ANONYMOUS;
  const token = bearerToken(authorization);
  const check = token ? await verifyAccessToken(token, jwtSecret) : { ok: false as const };
  if (!check.ok) throw new GraphQLError('Your access token is not valid.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  return { userId: check.claims.userId, roles: check.claims.roles, ip: null };
}

export function signedHeaders(identity: Identity | undefined, identitySecret: string): Record<string, string> {
  return signIdentity(identity ?? ANONYMOUS, identitySecret);
}

/** Secrets the bench gives every gateway and subgraph it starts. */
export const BENCH_SECRETS = {
  JWT_SECRET: 'bench-jwt-secret-0123456789abcdef0123456789',
  IDENTITY_SECRET: 'bench-identity-secret-0123456789abcdef0123',
} as const;
