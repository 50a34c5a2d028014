import { describe, expect, it } from 'vitest';
import { decideOnStoredKey, requestHash, type KeyState } from './idempotency.js';

const NOW = new Date('2026-02-01T12:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const HASH = requestHash('deposit', { amountMinor: 500, currency: 'USD' });

const stored = (overrides: Partial<KeyState> = {}): KeyState => ({
  requestHash: HASH,
  status: 'done',
  lockedUntil: later(-60_000),
  expiresAt: later(24 * 3_600_000),
  ...overrides,
});

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

describe('decideOnStoredKey', () => {
  it('replays a finished request sent again with the same input', () => {
    expect(decideOnStoredKey(stored(), HASH, NOW)).toBe('replay');
  });

  it('refuses the key for a different request, finished or running', () => {
    const other = requestHash('deposit', { amountMinor: 501, currency: 'USD' });
    expect(decideOnStoredKey(stored(), other, NOW)).toBe('mismatch');
    expect(decideOnStoredKey(stored({ status: 'in_progress', lockedUntil: later(10_000) }), other, NOW)).toBe('mismatch');
  });

  it('answers a duplicate of a running request with busy', () => {
    expect(decideOnStoredKey(stored({ status: 'in_progress', lockedUntil: later(1) }), HASH, NOW)).toBe('busy');
  });

  it('takes over a request left unfinished past its lease', () => {
    expect(decideOnStoredKey(stored({ status: 'in_progress', lockedUntil: NOW }), HASH, NOW)).toBe('take_over');
  });

  it('starts a finished key over once it expired, whatever the request', () => {
    const other = requestHash('withdraw', { amountMinor: 1, currency: 'GBP' });
    expect(decideOnStoredKey(stored({ expiresAt: NOW }), other, NOW)).toBe('reuse');
    expect(decideOnStoredKey(stored({ expiresAt: NOW }), HASH, NOW)).toBe('reuse');
  });

  it('never expires an unfinished request: it may hold money on its way out', () => {
    expect(decideOnStoredKey(stored({ status: 'in_progress', expiresAt: later(-1), lockedUntil: later(5_000) }), HASH, NOW)).toBe('busy');
    expect(decideOnStoredKey(stored({ status: 'in_progress', expiresAt: later(-1) }), HASH, NOW)).toBe('take_over');
  });
});
