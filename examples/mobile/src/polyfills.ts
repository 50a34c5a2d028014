import { getRandomValues } from 'expo-crypto';

// Hermes has no Web Crypto, and the SDK's idempotency keys (one per deposit, so a tap sent twice
// moves money once) come from crypto.getRandomValues: expo-crypto's is the platform's CSPRNG.
const scope = globalThis as { crypto?: Partial<Crypto> };
if (!scope.crypto?.getRandomValues) {
  scope.crypto = { ...scope.crypto, getRandomValues: getRandomValues as Crypto['getRandomValues'] };
}
