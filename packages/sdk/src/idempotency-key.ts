/**
 * A random UUID (v4) for a money request's `idempotencyKey`: the same click sent twice moves money
 * once. Needs `crypto.getRandomValues` (browsers, Node; React Native through a polyfill such as
 * expo-crypto's, see the README); works on plain-http origins too, unlike crypto.randomUUID.
 */
export function newIdempotencyKey(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
