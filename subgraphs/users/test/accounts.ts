import { randomUUID } from 'node:crypto';
import { verifyAccessToken } from '@sx/runtime';
import type { Identity, Role } from '@sx/core';
import { subgraphGql, type GraphQLResponse, stackInfo } from '@sx/testkit';

export const PASSWORD = 'correct horse battery staple';

export const AUTH_FIELDS = 'accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id name roles email }';

export interface AuthPayloadShape {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: { id: string; name: string; roles: Role[]; email: string | null };
}

export function uniqueEmail(label = 'user'): string {
  return `${label}.${randomUUID()}@example.test`;
}

/**
 * A documentation-range address per test, in a /64 of its own (per-address limits count an IPv6
 * client by its /64), so per-IP limits of one test never touch another.
 */
export function uniqueIp(): string {
  const group = () => Math.floor(Math.random() * 0x10000).toString(16);
  return `2001:db8:${group()}:${group()}::1`;
}

export function signUpCall(input: Record<string, unknown>, identity: Partial<Identity> = {}) {
  return subgraphGql<{ signUp: AuthPayloadShape }>(
    'users',
    `mutation($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`,
    { input },
    identity,
  );
}

export function signInCall(email: string, password: string, ip: string) {
  return subgraphGql<{ signIn: AuthPayloadShape }>(
    'users',
    `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { ${AUTH_FIELDS} } }`,
    { email, password },
    { ip },
  );
}

export function refreshCall(refreshToken: string) {
  return subgraphGql<{ refreshSession: AuthPayloadShape }>(
    'users',
    `mutation($t: String!) { refreshSession(refreshToken: $t) { ${AUTH_FIELDS} } }`,
    { t: refreshToken },
  );
}

export function signOutCall(refreshToken: string) {
  return subgraphGql<{ signOut: boolean }>('users', `mutation($t: String!) { signOut(refreshToken: $t) }`, { t: refreshToken });
}

export function payloadOf<K extends string>(res: GraphQLResponse<Record<K, AuthPayloadShape>>, field: K): AuthPayloadShape {
  const payload = res.data?.[field];
  if (!payload) throw new Error(`${field} failed: ${JSON.stringify(res.errors)}`);
  return payload;
}

/** Signs up a fresh user directly at the subgraph and returns the session and its identity. */
export async function newUser(opts: { roles?: Role[]; name?: string } = {}) {
  const email = uniqueEmail();
  const res = await signUpCall({ email, password: PASSWORD, name: opts.name ?? 'Test Person', ...(opts.roles ? { roles: opts.roles } : {}) });
  const session = payloadOf(res, 'signUp');
  return { email, session, identity: await identityOf(session.accessToken) };
}

/** The identity the gateway would forward for this access token. */
export async function identityOf(accessToken: string): Promise<Partial<Identity>> {
  const check = await verifyAccessToken(accessToken, stackInfo().secrets.jwtSecret);
  if (!check.ok) throw new Error(`access token refused: ${check.reason}`);
  return { userId: check.claims.userId, roles: check.claims.roles };
}
