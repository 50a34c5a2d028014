import { createHash, createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { ROLES, type Identity } from '@sx/core';
import { z } from 'zod';
import { clockNow } from './clock.js';

export const IDENTITY_HEADER = 'x-sx-identity';
export const SIGNATURE_HEADER = 'x-sx-signature';

/**
 * What a signature covers besides the identity: the subgraph it is for (`aud`), the HTTP
 * method, the body's SHA-256 and an id for this one request. A header pair captured on one
 * request is therefore worthless on any other subgraph, method or body, and (with the replay
 * guard) on the same request twice.
 */
export interface SignedRequest {
  subgraph: string;
  method: string;
  body: string | Uint8Array;
  /** Unique per subgraph request (the gateway makes a fresh one for each fetch). */
  requestId: string;
}

const signedPayload = z.object({
  v: z.literal(2),
  sub: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  ip: z.string().nullable(),
  ts: z.number().int(),
  aud: z.string(),
  m: z.string(),
  bh: z.string(),
  rid: z.string().min(1).max(128),
});

// Imported once per key: createHmac with a string key would import it on every call.
const keyObjects = new Map<string, KeyObject>();

function hmac(key: string, value: string): Buffer {
  let keyObject = keyObjects.get(key);
  if (!keyObject) {
    keyObject = createSecretKey(Buffer.from(key, 'utf8'));
    if (keyObjects.size < 64) keyObjects.set(key, keyObject); // a process has a handful of keys
  }
  return createHmac('sha256', keyObject).update(value).digest();
}

export function bodyHash(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

/**
 * The headers on every subgraph request: the payload (identity and what it is bound to) and its
 * HMAC under the target subgraph's own key (identity-keys.ts). Every signer uses this function:
 * the gateway's data sources (queries, mutations, live-payload hydration), the test kit and
 * the benches.
 */
export function signSubgraphRequest(identity: Identity, subgraphKey: string, request: SignedRequest, now = clockNow()): Record<string, string> {
  const payload = Buffer.from(
    JSON.stringify({
      v: 2,
      sub: identity.userId,
      roles: identity.roles,
      ip: identity.ip,
      ts: now,
      aud: request.subgraph,
      m: request.method.toUpperCase(),
      bh: bodyHash(request.body),
      rid: request.requestId,
    }),
  ).toString('base64url');
  return { [IDENTITY_HEADER]: payload, [SIGNATURE_HEADER]: hmac(subgraphKey, payload).toString('base64url') };
}

export type IdentityCheck = { ok: true; identity: Identity; requestId: string } | { ok: false; reason: string };

/** What the receiving subgraph knows about the request it got. */
export interface ReceivedRequest {
  subgraph: string;
  method: string;
  /** SHA-256 of the raw body as received (bodyHash), before any parsing. */
  bodyHash: string;
}

function signatureMatches(payload: string, signature: string, keys: readonly string[]): boolean {
  const given = Buffer.from(signature, 'base64url');
  // Every key is tried, so the time taken does not tell which one (if any) matched.
  let matched = false;
  for (const key of keys) {
    const expected = hmac(key, payload);
    if (expected.length === given.length && timingSafeEqual(expected, given)) matched = true;
  }
  return matched;
}

function parsePayload(payload: string): z.infer<typeof signedPayload> | null {
  try {
    return signedPayload.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return null;
  }
}

/** Why a validly signed payload does not fit this request, or null when it does. */
function mismatch(parsed: z.infer<typeof signedPayload>, received: ReceivedRequest, maxSkewMs: number, now: number): string | null {
  if (parsed.aud !== received.subgraph) return 'identity signed for another subgraph';
  if (parsed.m !== received.method.toUpperCase()) return 'identity signed for another method';
  if (parsed.bh !== received.bodyHash) return 'identity signed for another body';
  if (Math.abs(now - parsed.ts) > maxSkewMs) return 'identity signature expired';
  return null;
}

/**
 * A subgraph's check of the gateway's signature, under any of its accepted keys (current first,
 * then the previous one during a rotation); anything else is refused.
 */
export function verifySubgraphRequest(
  headers: { [name: string]: string | string[] | undefined },
  keys: readonly string[],
  received: ReceivedRequest,
  maxSkewMs: number,
  now = clockNow(),
): IdentityCheck {
  const payload = headers[IDENTITY_HEADER];
  const signature = headers[SIGNATURE_HEADER];
  if (typeof payload !== 'string' || typeof signature !== 'string') return { ok: false, reason: 'missing identity signature' };
  if (!signatureMatches(payload, signature, keys)) return { ok: false, reason: 'bad identity signature' };
  const parsed = parsePayload(payload);
  if (!parsed) return { ok: false, reason: 'malformed identity' };
  const wrong = mismatch(parsed, received, maxSkewMs, now);
  if (wrong) return { ok: false, reason: wrong };
  return { ok: true, identity: { userId: parsed.sub, roles: parsed.roles, ip: parsed.ip }, requestId: parsed.rid };
}
