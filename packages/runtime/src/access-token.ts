import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';
import { type Role, ROLES } from '@sx/core';
import { clockNow } from './clock.js';

/** Access tokens live 15 minutes; refresh tokens (users subgraph) renew them. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'service-exchange';
const AUDIENCE = 'service-exchange-api';

const claimsSchema = z.object({ sub: z.string().min(1), roles: z.array(z.enum(ROLES)) });

export interface AccessClaims {
  userId: string;
  roles: Role[];
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signed by users on sign-in and refresh. */
export async function signAccessToken(claims: AccessClaims, secret: string, ttlSeconds = ACCESS_TOKEN_TTL_SECONDS): Promise<string> {
  // Both times by this process's clock (the issuer's); the gateway judges expiry by its own.
  const issuedAt = Math.floor(clockNow() / 1000);
  return new SignJWT({ roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(key(secret));
}

export type AccessCheck = { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired' | 'invalid' };

/** Verified by the gateway on every request that carries a bearer token. */
export async function verifyAccessToken(token: string, secret: string): Promise<AccessCheck> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: new Date(clockNow()) });
    const parsed = claimsSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, reason: 'invalid' };
    return { ok: true, claims: { userId: parsed.data.sub, roles: parsed.data.roles } };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
    return { ok: false, reason: 'invalid' };
  }
}
