import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A capability: the right to do one thing (`purpose`) to one object (`id`) until `expiresAtS`,
 * proven by an HMAC over exactly those three. It is what a signed upload or download URL
 * carries, so the URL needs no session and cannot be moved to another object or stretched.
 */
export interface Capability {
  purpose: string;
  id: string;
  /** Unix seconds. */
  expiresAtS: number;
}

const message = (c: Capability): string => `sx-capability/v1\n${c.purpose}\n${c.id}\n${c.expiresAtS}`;

/** The signature (base64url) of a capability under `key`. */
export function signCapability(key: string, capability: Capability): string {
  return createHmac('sha256', key).update(message(capability)).digest('base64url');
}

export type CapabilityCheck = { ok: true } | { ok: false; reason: 'expired' | 'bad-signature' };

/**
 * Whether `signature` proves the capability under one of `keys` (current first, then the one
 * before a rotation) and it has not expired at `nowMs`. Compared in constant time.
 */
export function checkCapability(keys: readonly string[], capability: Capability, signature: string, nowMs: number): CapabilityCheck {
  const given = Buffer.from(signature, 'base64url');
  const valid = keys.some((key) => {
    const expected = Buffer.from(signCapability(key, capability), 'base64url');
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!valid) return { ok: false, reason: 'bad-signature' };
  // Checked after the signature so a forged expiry learns nothing.
  if (capability.expiresAtS * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true };
}
