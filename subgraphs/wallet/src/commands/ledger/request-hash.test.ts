import { describe, expect, it } from 'vitest';
import { requestHash } from './request-hash.js';

describe('requestHash', () => {
  it('is the same for the same fields in any order', () => {
    expect(requestHash('send', { amountMinor: 5, currency: 'EUR', recipientId: 'r', note: null })).toBe(
      requestHash('send', { note: null, recipientId: 'r', currency: 'EUR', amountMinor: 5 }),
    );
  });

  it('differs when any field differs', () => {
    const base = requestHash('send', { amountMinor: 5, currency: 'EUR', recipientId: 'r', note: null });
    expect(requestHash('send', { amountMinor: 6, currency: 'EUR', recipientId: 'r', note: null })).not.toBe(base);
    expect(requestHash('send', { amountMinor: 5, currency: 'USD', recipientId: 'r', note: null })).not.toBe(base);
    expect(requestHash('send', { amountMinor: 5, currency: 'EUR', recipientId: 's', note: null })).not.toBe(base);
    expect(requestHash('send', { amountMinor: 5, currency: 'EUR', recipientId: 'r', note: 'hi' })).not.toBe(base);
  });

  it('differs between operations with the same fields', () => {
    expect(requestHash('deposit', { amountMinor: 500, currency: 'USD' })).not.toBe(requestHash('withdraw', { amountMinor: 500, currency: 'USD' }));
  });

  it('does not confuse a null field with the text "null"', () => {
    expect(requestHash('send', { note: null })).not.toBe(requestHash('send', { note: 'null' }));
  });
});
