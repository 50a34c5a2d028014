import { describe, expect, it } from 'vitest';
import { maskAccountNumber, parseAccountNumber, parseDestination, passesMod97 } from './payout-destination.js';

describe('passesMod97', () => {
  it('accepts published example IBANs', () => {
    expect(passesMod97('GB82WEST12345698765432')).toBe(true);
    expect(passesMod97('DE89370400440532013000')).toBe(true);
    expect(passesMod97('NL91ABNA0417164300')).toBe(true);
  });

  it('refuses one changed digit and two swapped characters', () => {
    expect(passesMod97('GB82WEST12345698765433')).toBe(false);
    expect(passesMod97('DE89370400440532031000')).toBe(false);
  });
});

describe('parseAccountNumber', () => {
  it('normalises spaces and case', () => {
    expect(parseAccountNumber('gb82 west 1234 5698 7654 32')).toBe('GB82WEST12345698765432');
  });

  it('refuses a malformed number with a message naming the field', () => {
    expect(() => parseAccountNumber('12345')).toThrow(/must be an IBAN/);
    expect(() => parseAccountNumber('GB82WEST12345698765433')).toThrow(/check digits/);
  });
});

describe('parseDestination', () => {
  it('trims and collapses the holder name', () => {
    expect(parseDestination({ holderName: '  Ada   Lovelace ', accountNumber: 'DE89370400440532013000' })).toEqual({
      holderName: 'Ada Lovelace',
      accountNumber: 'DE89370400440532013000',
    });
  });

  it('refuses an empty or overlong holder name', () => {
    expect(() => parseDestination({ holderName: '   ', accountNumber: 'DE89370400440532013000' })).toThrow(/holderName/);
    expect(() => parseDestination({ holderName: 'x'.repeat(141), accountNumber: 'DE89370400440532013000' })).toThrow(/holderName/);
  });
});

describe('maskAccountNumber', () => {
  it('keeps only the country and the last four characters', () => {
    expect(maskAccountNumber('GB82WEST12345698765432')).toBe('GB•••• 5432');
  });
});
