import { describe, expect, it } from 'vitest';
import { earningsSeries } from './earnings-series';

describe('earningsSeries', () => {
  it('fills every day of the range, one series per currency', () => {
    const series = earningsSeries(
      [
        { day: '2026-11-29', fees: [{ amount: 120, currency: 'USD' }] },
        { day: '2026-12-01', fees: [{ amount: 50, currency: 'EUR' }, { amount: 30, currency: 'USD' }] },
      ],
      { from: '2026-11-29T00:00:00.000Z', days: 3 },
    );
    expect(series).toEqual([
      { currency: 'USD', days: [{ day: '2026-11-29', amountMinor: 120 }, { day: '2026-11-30', amountMinor: 0 }, { day: '2026-12-01', amountMinor: 30 }] },
      { currency: 'EUR', days: [{ day: '2026-11-29', amountMinor: 0 }, { day: '2026-11-30', amountMinor: 0 }, { day: '2026-12-01', amountMinor: 50 }] },
    ]);
  });

  it('has no series when nothing was earned', () => {
    expect(earningsSeries([], { from: '2026-11-29T00:00:00.000Z', days: 7 })).toEqual([]);
  });
});
