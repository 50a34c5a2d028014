import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an unsubscribe link stops: emails of one kind to one user. */
export interface UnsubscribeClaim {
  userId: string;
  kind: string;
}

/** The signing key, derived from this subgraph's identity key so no new secret has to be configured (a key rotation voids older links). */
export function unsubscribeKey(identityKey: string): Buffer {
  return createHmac('sha256', identityKey).update('sx-unsubscribe-v1').digest();
}

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

/** `<payload>.<signature>`, base64url: works without signing in, and cannot be made for another user. */
export function signUnsubscribeToken(key: Buffer, claim: UnsubscribeClaim): string {
  const payload = Buffer.from(JSON.stringify({ u: claim.userId, k: claim.kind })).toString('base64url');
  return `${payload}.${mac(key, payload)}`;
}

/** The claim of a token this service signed; null for anything else. */
export function verifyUnsubscribeToken(key: Buffer, token: string): UnsubscribeClaim | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; k?: unknown };
    return typeof parsed.u === 'string' && typeof parsed.k === 'string' ? { userId: parsed.u, kind: parsed.k } : null;
  } catch {
    return null;
  }
}
