import { describe, expect, it } from 'vitest';
import { autoReleaseCutoff, autoReleaseDelayMs } from './auto-release.js';

describe('the auto-release delay', () => {
  it('counts whole and fractional days', () => {
    expect(autoReleaseDelayMs({ days: 7 })).toBe(604_800_000);
    expect(autoReleaseDelayMs({ days: 0.5 })).toBe(43_200_000);
  });

  it('lets a millisecond override win over days', () => {
    expect(autoReleaseDelayMs({ days: 7, afterMs: 1_500 })).toBe(1_500);
    expect(autoReleaseDelayMs({ days: 7, afterMs: 0 })).toBe(0);
  });

  it('rejects a negative delay', () => {
    expect(() => autoReleaseDelayMs({ days: -1 })).toThrow(/non-negative/);
  });

  it('puts the cutoff that long before now', () => {
    const now = new Date('2026-03-10T12:00:00.000Z');
    expect(autoReleaseCutoff(now, autoReleaseDelayMs({ days: 7 })).toISOString()).toBe('2026-03-03T12:00:00.000Z');
  });
});
