import { createHmac, timingSafeEqual } from 'node:crypto';
import { ROLES, type Identity } from '@sx/core';
import { z } from 'zod';
import { clockNow } from './clock.js';

export const IDENTITY_HEADER = 'x-sx-identity';
export const SIGNATURE_HEADER = 'x-sx-signature';

const signedPayload = z.object({
  sub: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  ip: z.string().nullable(),
  ts: z.number().int(),
});

function hmac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

/** Headers the gateway adds to every subgraph request. The timestamp bounds replay. */
export function signIdentity(identity: Identity, secret: string, now = clockNow()): Record<string, string> {
  const payload = Buffer.from(
    JSON.stringify({ sub: identity.userId, roles: identity.roles, ip: identity.ip, ts: now }),
  ).toString('base64url');
  return { [IDENTITY_HEADER]: payload, [SIGNATURE_HEADER]: hmac(secret, payload) };
}

export type IdentityCheck = { ok: true; identity: Identity } | { ok: false; reason: string };

/** A subgraph's check of the gateway's signature; anything else is refused. */
export function verifyIdentity(
  headers: { [name: string]: string | string[] | undefined },
  secret: string,
  maxSkewMs: number,
  now = clockNow(),
): IdentityCheck {
  const payload = headers[IDENTITY_HEADER];
  const signature = headers[SIGNATURE_HEADER];
  if (typeof payload !== 'string' || typeof signature !== 'string') {
    return { ok: false, reason: 'missing identity signature' };
  }
  const expected = Buffer.from(hmac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad identity signature' };
  }
  let parsed: z.infer<typeof signedPayload>;
  try {
    parsed = signedPayload.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'malformed identity' };
  }
  if (Math.abs(now - parsed.ts) > maxSkewMs) return { ok: false, reason: 'identity signature expired' };
  return { ok: true, identity: { userId: parsed.sub, roles: parsed.roles, ip: parsed.ip } };
}
