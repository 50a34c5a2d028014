import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_MINOR, parseMoneyInput } from './money.js';

describe('parseMoneyInput', () => {
  it('accepts a positive whole amount in a supported currency, normalising its case', () => {
    expect(parseMoneyInput({ amount: 1250, currency: 'eur' }, 'budget')).toEqual({ amountMinor: 1250, currency: 'EUR' });
  });

  it.each([
    [0, 'USD', 'greater than zero'],
    [-5, 'USD', 'greater than zero'],
    [10.5, 'USD', 'whole number'],
    [MAX_AMOUNT_MINOR + 1, 'USD', 'at most'],
    [100, 'XYZ', 'not supported'],
  ])('refuses %s %s', (amount, currency, message) => {
    expect(() => parseMoneyInput({ amount, currency }, 'budget')).toThrow(message);
  });
});
