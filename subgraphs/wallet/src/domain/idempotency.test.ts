import { describe, expect, it } from 'vitest';
import { canonicalRequest, decideOnStoredKey, type KeyState } from './idempotency.js';

const NOW = new Date('2026-02-01T12:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const HASH = canonicalRequest('deposit', { amountMinor: 500, currency: 'USD' });

const stored = (overrides: Partial<KeyState> = {}): KeyState => ({
  requestHash: HASH,
  status: 'done',
  lockedUntil: later(-60_000),
  expiresAt: later(24 * 3_600_000),
  ...overrides,
});

describe('decideOnStoredKey', () => {
  it('replays a finished request sent again with the same input', () => {
    expect(decideOnStoredKey(stored(), HASH, NOW)).toBe('replay');
  });

  it('refuses the key for a different request, finished or running', () => {
    const other = canonicalRequest('deposit', { amountMinor: 501, currency: 'USD' });
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
    const other = canonicalRequest('withdraw', { amountMinor: 1, currency: 'GBP' });
    expect(decideOnStoredKey(stored({ expiresAt: NOW }), other, NOW)).toBe('reuse');
    expect(decideOnStoredKey(stored({ expiresAt: NOW }), HASH, NOW)).toBe('reuse');
  });

  it('never expires an unfinished request: it may hold money on its way out', () => {
    expect(decideOnStoredKey(stored({ status: 'in_progress', expiresAt: later(-1), lockedUntil: later(5_000) }), HASH, NOW)).toBe('busy');
    expect(decideOnStoredKey(stored({ status: 'in_progress', expiresAt: later(-1) }), HASH, NOW)).toBe('take_over');
  });
});
