import { describe, expect, it } from 'vitest';
import { NO_RATINGS, ratingOf } from './rating-average.js';

describe('ratingOf', () => {
  it('has no average before the first review', () => {
    expect(ratingOf(NO_RATINGS)).toEqual({ average: null, count: 0 });
  });

  it('averages the ratings received', () => {
    expect(ratingOf({ count: 2, sum: 9 })).toEqual({ average: 4.5, count: 2 });
    expect(ratingOf({ count: 1, sum: 5 })).toEqual({ average: 5, count: 1 });
  });

  it('rounds to two decimals, half up', () => {
    expect(ratingOf({ count: 3, sum: 13 }).average).toBe(4.33);
    expect(ratingOf({ count: 3, sum: 14 }).average).toBe(4.67);
    // 889 / 200 = 4.445 exactly; naive float rounding of 4.445 × 100 gives 4.44.
    expect(ratingOf({ count: 200, sum: 889 }).average).toBe(4.45);
  });

  it('refuses totals no series of 1–5 ratings can produce', () => {
    expect(() => ratingOf({ count: 1, sum: 6 })).toThrow('impossible rating totals');
    expect(() => ratingOf({ count: 2, sum: 1 })).toThrow('impossible rating totals');
    expect(() => ratingOf({ count: -1, sum: 0 })).toThrow('impossible rating totals');
  });
});
