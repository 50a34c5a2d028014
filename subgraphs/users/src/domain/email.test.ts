import { describe, expect, it } from 'vitest';
import { EMAIL_MAX_LENGTH, normalizeEmail, parseEmail } from './email.js';

describe('normalizeEmail', () => {
  it('trims and lower-cases so that lookups ignore case', () => {
    expect(normalizeEmail('  Ana.Lopez@Example.COM ')).toBe('ana.lopez@example.com');
  });
});

describe('parseEmail', () => {
  it('accepts a valid address and returns it normalized', () => {
    expect(parseEmail(' Bob@Example.org')).toBe('bob@example.org');
  });

  it.each(['', '   ', 'not-an-email', 'a@', '@example.com', 'a b@example.com'])('refuses %j with BAD_USER_INPUT', (raw) => {
    expect(() => parseEmail(raw)).toThrowError(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('refuses an address longer than the maximum', () => {
    const long = `${'a'.repeat(EMAIL_MAX_LENGTH)}@example.com`;
    expect(() => parseEmail(long)).toThrowError(/at most 254 characters/);
  });
});
