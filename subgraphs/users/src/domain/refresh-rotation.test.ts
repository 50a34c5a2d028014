import { describe, expect, it } from 'vitest';
import { decideRefresh } from './refresh-rotation.js';

const now = new Date('2026-03-01T12:00:00Z');
const later = new Date('2026-03-31T12:00:00Z');
const earlier = new Date('2026-02-01T12:00:00Z');

describe('refresh rotation decision', () => {
  it('rotates a fresh, unused, unrevoked token', () => {
    expect(decideRefresh({ usedAt: null, revokedAt: null, expiresAt: later }, now)).toBe('rotate');
  });

  it('treats a token that was already rotated as reuse', () => {
    expect(decideRefresh({ usedAt: earlier, revokedAt: null, expiresAt: later }, now)).toBe('reuse');
  });

  it('treats a rotated token as reuse even after it expired', () => {
    expect(decideRefresh({ usedAt: earlier, revokedAt: null, expiresAt: earlier }, now)).toBe('reuse');
  });

  it('refuses a revoked token, used or not', () => {
    expect(decideRefresh({ usedAt: null, revokedAt: earlier, expiresAt: later }, now)).toBe('revoked');
    expect(decideRefresh({ usedAt: earlier, revokedAt: earlier, expiresAt: later }, now)).toBe('revoked');
  });

  it('refuses a token at or after its expiry', () => {
    expect(decideRefresh({ usedAt: null, revokedAt: null, expiresAt: now }, now)).toBe('expired');
  });

  it('refuses an unknown token', () => {
    expect(decideRefresh(null, now)).toBe('unknown');
  });
});
