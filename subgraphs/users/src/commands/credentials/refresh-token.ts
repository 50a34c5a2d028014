import { createHash, randomBytes } from 'node:crypto';

/** 256 bits from the OS CSPRNG, base64url (43 characters). */
export function generateRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored and looked up. A fast hash suffices: the token has 256 bits of entropy. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
