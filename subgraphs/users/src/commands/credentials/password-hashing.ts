import { randomBytes } from 'node:crypto';
import { argon2id, hash, verify } from 'argon2';

/** OWASP Password Storage Cheat Sheet's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
export const ARGON2_OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// A hash of a password nobody knows, with the same parameters as real ones: checking a password
// against it when an email has no account takes as long as a real check, so response time does
// not reveal which emails are registered.
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  return dummyHash;
}

/** Computes the dummy hash at start-up so the first unknown-email sign-in is not faster or slower. */
export async function warmUpPasswordHashing(): Promise<void> {
  await getDummyHash();
}

/** True only when `storedHash` exists and matches; always does one full argon2 verification. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    await verify(await getDummyHash(), password);
    return false;
  }
  return verify(storedHash, password);
}
