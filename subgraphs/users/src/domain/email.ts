import { z } from 'zod';
import { BadUserInput } from '@sx/core';

/** RFC 5321 caps a forward path at 256 octets, i.e. 254 for the address itself. */
export const EMAIL_MAX_LENGTH = 254;

const emailSchema = z.email();

/** How an email is stored and compared: trimmed and lower-cased, so lookups ignore case. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Validates a sign-up email and returns its normalized form. */
export function parseEmail(raw: string): string {
  const email = normalizeEmail(raw);
  if (email.length === 0) throw new BadUserInput('INVALID_INPUT', 'Enter an email address.', { field: 'email' });
  if (email.length > EMAIL_MAX_LENGTH) {
    throw new BadUserInput('INVALID_INPUT', `The email address may be at most ${EMAIL_MAX_LENGTH} characters long.`, { field: 'email' });
  }
  if (!emailSchema.safeParse(email).success) {
    throw new BadUserInput('INVALID_INPUT', `"${raw.trim()}" is not a valid email address, e.g. ana@example.com.`, { field: 'email' });
  }
  return email;
}
