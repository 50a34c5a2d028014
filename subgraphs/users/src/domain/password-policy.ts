import { BadUserInput } from '@sx/core';

export const PASSWORD_MIN_LENGTH = 10;
/** Bounds the hashing work one request can cause. */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * What is wrong with a new password, as sentences a person can act on (empty when it is fine).
 * Lengths count characters (code points), not UTF-16 units, so emoji count once.
 */
export function passwordProblems(password: string, normalizedEmail: string): string[] {
  const chars = [...password];
  const problems: string[] = [];
  if (chars.length < PASSWORD_MIN_LENGTH) problems.push(`The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`);
  if (chars.length > PASSWORD_MAX_LENGTH) problems.push(`The password may be at most ${PASSWORD_MAX_LENGTH} characters long.`);
  if (chars.length > 0 && chars.every((c) => c === chars[0])) problems.push('The password must not repeat a single character.');
  if (password.trim().toLowerCase() === normalizedEmail) problems.push('The password must not be your email address.');
  return problems;
}

export function assertPasswordPolicy(password: string, normalizedEmail: string): void {
  const problems = passwordProblems(password, normalizedEmail);
  if (problems.length > 0) throw new BadUserInput('WEAK_PASSWORD', problems.join(' '), { field: 'password' });
}
