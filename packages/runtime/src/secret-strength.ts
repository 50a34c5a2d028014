/**
 * Why a production secret is unfit, or null. A secret must be long and random: at least 32
 * characters, about 100 bits or more by its character entropy, and free of the words people type when
 * they make one up ("secret", "change-me", "dev-…"), which is how a sample value ends up in
 * production. Generate one with `openssl rand -base64 48`.
 */
export const MIN_SECRET_LENGTH = 32;
// 32 random hex characters (128 bits) measure about 110 by this estimate; 'x' * 40 measures 0.
const MIN_ENTROPY_BITS = 100;
const TYPED_WORDS = /secret|passw|change|example|default|sample|dev-|test|demo|bench/i;

/** Shannon entropy of the characters, times the length: an upper bound on what a guess costs. */
function entropyBits(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * value.length;
}

export function weakSecretReason(value: string): string | null {
  if (value.length < MIN_SECRET_LENGTH) return `is shorter than ${MIN_SECRET_LENGTH} characters`;
  if (TYPED_WORDS.test(value)) return 'looks made up (it contains a word or sequence like "secret", "dev-", "test")';
  if (entropyBits(value) < MIN_ENTROPY_BITS) return `is not random enough (about ${Math.round(entropyBits(value))} bits; want ${MIN_ENTROPY_BITS})`;
  return null;
}
