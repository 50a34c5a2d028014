import { describe, expect, it } from 'vitest';
import { formatMoney } from './money-format.js';

describe('formatMoney', () => {
  it('shows minor units as a decimal amount with the currency', () => {
    expect(formatMoney(123_456, 'USD')).toBe('1234.56 USD');
    expect(formatMoney(5, 'EUR')).toBe('0.05 EUR');
    expect(formatMoney(0, 'GBP')).toBe('0.00 GBP');
    expect(formatMoney(-1_050, 'USD')).toBe('-10.50 USD');
  });
});
