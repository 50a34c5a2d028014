import { describe, expect, it } from 'vitest';
import { isPayoutRunDue, payoutAmountMinor, payoutDay } from './payout-rules.js';

describe('payoutDay', () => {
  it('is the UTC date, whatever the local zone', () => {
    expect(payoutDay(new Date('2026-12-01T23:59:59.999Z'))).toBe('2026-12-01');
    expect(payoutDay(new Date('2026-12-02T00:00:00.000Z'))).toBe('2026-12-02');
  });
});

describe('payoutAmountMinor', () => {
  it('pays the whole available balance from the threshold up, nothing below it', () => {
    expect(payoutAmountMinor(999, 1_000)).toBe(0);
    expect(payoutAmountMinor(1_000, 1_000)).toBe(1_000);
    expect(payoutAmountMinor(12_345, 1_000)).toBe(12_345);
    expect(payoutAmountMinor(0, 1)).toBe(0);
  });
});

describe('isPayoutRunDue', () => {
  const now = new Date('2026-12-01T03:00:00Z');
  it('waits for the payout hour', () => {
    expect(isPayoutRunDue({ now, payoutHourUtc: 4, lastFinishedDay: null })).toBe(false);
    expect(isPayoutRunDue({ now, payoutHourUtc: 3, lastFinishedDay: null })).toBe(true);
  });

  it('runs once a day: not again after a run of today finished', () => {
    expect(isPayoutRunDue({ now, payoutHourUtc: 2, lastFinishedDay: '2026-12-01' })).toBe(false);
    expect(isPayoutRunDue({ now, payoutHourUtc: 2, lastFinishedDay: '2026-11-30' })).toBe(true);
  });
});
