import { BadUserInput } from '@sx/core';

/** A trimmed text field between `min` and `max` characters (code points, like Postgres' char_length). */
export function boundedText(value: string, field: string, min: number, max: number): string {
  const trimmed = value.trim();
  const length = [...trimmed].length;
  if (length < min || length > max) {
    throw new BadUserInput('INVALID_INPUT', `${field} must be ${min} to ${max} characters long; it has ${length}.`, { field });
  }
  return trimmed;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An address as invitations store it: trimmed and lower-cased. */
export function parseEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw new BadUserInput('INVALID_INPUT', `"${value}" is not an email address.`, { field: 'email' });
  return email;
}
