import { createHash } from 'node:crypto';

// A fixed namespace (RFC 4122 §4.3) for payout ids; changing it would let a resumed payout
// reach the provider under a new key and be paid twice.
const PAYOUT_NAMESPACE = Buffer.from('5b1c2f0e8a7d4c39b6e2d1f0a9c8b7e6', 'hex');

/**
 * The id of the payout of (user, day, currency): a name-based UUID (version 5), the same in
 * every process and every run. It is the row's key and the provider's idempotency key, so the
 * provider sees one request per tasker per day whatever crashes or races happen.
 */
export function payoutIdOf(userId: string, day: string, currency: string): string {
  const hash = createHash('sha1').update(PAYOUT_NAMESPACE).update(`${userId.toLowerCase()}:${day}:${currency}`).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
