import { describe, expect, it } from 'vitest';
import { periodStart, rank } from './leaderboard.js';

describe('leaderboard periods and ranks', () => {
  const wednesday = new Date('2026-12-02T15:30:00Z');

  it('starts a week on Monday and a month on the 1st, in UTC', () => {
    expect(periodStart('WEEK', wednesday)?.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(periodStart('WEEK', new Date('2026-11-29T23:59:59Z'))?.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(periodStart('MONTH', wednesday)?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(periodStart('ALL_TIME', wednesday)).toBeNull();
  });

  it('gives equal points the same rank and skips the ranks they fill', () => {
    expect(rank([{ points: 9 }, { points: 5 }, { points: 5 }, { points: 1 }]).map((r) => r.rank)).toEqual([1, 2, 2, 4]);
  });
});
