import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';
import { type Role, ROLES } from '@sx/core';
import { clockNow } from './clock.js';

/** Access tokens live 15 minutes; refresh tokens (users subgraph) renew them. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'service-exchange';
const AUDIENCE = 'service-exchange-api';

const claimsSchema = z.object({ sub: z.string().min(1), roles: z.array(z.enum(ROLES)), sid: z.string().min(1).max(64).optional() });

export interface AccessClaims {
  userId: string;
  roles: Role[];
  /** The session the token was issued for, so the gateway can refuse it once the session ended. */
  sessionId?: string;
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signed by users on sign-in and refresh. */
export async function signAccessToken(claims: AccessClaims, secret: string, ttlSeconds = ACCESS_TOKEN_TTL_SECONDS): Promise<string> {
  // Both times by this process's clock (the issuer's); the gateway judges expiry by its own.
  const issuedAt = Math.floor(clockNow() / 1000);
  return new SignJWT({ roles: claims.roles, ...(claims.sessionId ? { sid: claims.sessionId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(key(secret));
}

export type AccessCheck = { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired' | 'invalid' };

async function verifyWith(token: string, secret: string): Promise<AccessCheck> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: new Date(clockNow()) });
    const parsed = claimsSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, reason: 'invalid' };
    const { sub, roles, sid } = parsed.data;
    return { ok: true, claims: { userId: sub, roles, ...(sid ? { sessionId: sid } : {}) } };
  } catch (err) {
    // jose checks the signature before the expiry, so "expired" means the key matched.
    if (err instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
    return { ok: false, reason: 'invalid' };
  }
}

/**
 * Verified by the gateway on every request that carries a bearer token. `secrets` is the
 * current key, then the previous one during a rotation (JWT_SECRET_PREVIOUS): tokens signed
 * before the rotation stay valid until they expire, at most ACCESS_TOKEN_TTL_SECONDS later.
 */
export async function verifyAccessToken(token: string, secrets: string | readonly string[]): Promise<AccessCheck> {
  let last: AccessCheck = { ok: false, reason: 'invalid' };
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    last = await verifyWith(token, secret);
    if (last.ok || last.reason === 'expired') return last;
  }
  return last;
}

/** The keys access tokens are checked with: JWT_SECRET, then JWT_SECRET_PREVIOUS when set. */
export function accessTokenSecrets(config: { JWT_SECRET: string; JWT_SECRET_PREVIOUS?: string | undefined }): string[] {
  return config.JWT_SECRET_PREVIOUS ? [config.JWT_SECRET, config.JWT_SECRET_PREVIOUS] : [config.JWT_SECRET];
}
