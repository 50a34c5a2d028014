import { describe, expect, it } from 'vitest';
import { assertPasswordPolicy, passwordProblems } from './password-policy.js';

const EMAIL = 'ana@example.com';

describe('password policy', () => {
  it('accepts a long enough, varied password', () => {
    expect(passwordProblems('correct horse battery staple', EMAIL)).toEqual([]);
  });

  it('accepts exactly the minimum and the maximum length', () => {
    expect(passwordProblems('abcdefghij', EMAIL)).toEqual([]);
    expect(passwordProblems('ab'.repeat(64), EMAIL)).toEqual([]);
  });

  it('refuses a password one character too short', () => {
    expect(passwordProblems('abcdefghi', EMAIL)).toEqual(['The password must be at least 10 characters long.']);
  });

  it('refuses a password one character too long', () => {
    expect(passwordProblems(`${'ab'.repeat(64)}c`, EMAIL)).toEqual(['The password may be at most 128 characters long.']);
  });

  it('counts characters, not UTF-16 units', () => {
    // Five emoji are ten UTF-16 units but only five characters.
    expect(passwordProblems('😀😁😂🤣😃', EMAIL)).toContain('The password must be at least 10 characters long.');
  });

  it('refuses a single repeated character', () => {
    expect(passwordProblems('aaaaaaaaaaaa', EMAIL)).toEqual(['The password must not repeat a single character.']);
  });

  it('refuses the email address, whatever its case', () => {
    expect(passwordProblems('Ana@Example.com', EMAIL)).toEqual(['The password must not be your email address.']);
  });

  it('lists every problem at once', () => {
    expect(passwordProblems('aaa', EMAIL)).toHaveLength(2);
  });

  it('throws BAD_USER_INPUT naming the password field', () => {
    expect(() => assertPasswordPolicy('short', EMAIL)).toThrowError(
      expect.objectContaining({ code: 'BAD_USER_INPUT', extra: { field: 'password' } }),
    );
  });
});
