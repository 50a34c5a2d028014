import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitExpense, type SplitPart } from './expense-split.js';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);
const total = fc.integer({ min: 1, max: 1_000_000_000 });

describe('splitExpense', () => {
  it('gives parts that always sum to the total, whatever the method', () => {
    fc.assert(
      fc.property(total, fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 50 }), fc.boolean(), (totalMinor, weights, equal) => {
        const parts: SplitPart[] = ids(weights.length).map((userId, i) => ({ userId, weight: weights[i] ?? 1 }));
        const shares = splitExpense(totalMinor, equal ? 'EQUAL' : 'SHARES', parts);
        expect(shares.reduce((s, x) => s + x.amountMinor, 0)).toBe(totalMinor);
        expect(shares.map((s) => s.userId)).toEqual(parts.map((p) => p.userId));
        expect(shares.every((s) => Number.isInteger(s.amountMinor) && s.amountMinor >= 0)).toBe(true);
      }),
    );
  });

  it('keeps every part within one minor unit of its exact fraction', () => {
    fc.assert(
      fc.property(total, fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 20 }), (totalMinor, weights) => {
        const sum = weights.reduce((s, w) => s + w, 0);
        const shares = splitExpense(totalMinor, 'SHARES', ids(weights.length).map((userId, i) => ({ userId, weight: weights[i] ?? 1 })));
        shares.forEach((s, i) => expect(Math.abs(s.amountMinor - (totalMinor * (weights[i] ?? 0)) / sum)).toBeLessThan(1));
      }),
    );
  });

  it('gives the left-over cents to the members listed first when remainders tie', () => {
    expect(splitExpense(1_000, 'EQUAL', ids(3).map((userId) => ({ userId, weight: 0 }))).map((s) => s.amountMinor)).toEqual([334, 333, 333]);
    expect(splitExpense(1_001, 'SHARES', [{ userId: 'a', weight: 1 }, { userId: 'b', weight: 2 }]).map((s) => s.amountMinor)).toEqual([334, 667]);
  });

  it('takes exact amounts as given and refuses ones that do not sum to the total', () => {
    expect(splitExpense(900, 'EXACT', [{ userId: 'a', weight: 100 }, { userId: 'b', weight: 800 }]).map((s) => s.amountMinor)).toEqual([100, 800]);
    expect(() => splitExpense(900, 'EXACT', [{ userId: 'a', weight: 100 }, { userId: 'b', weight: 700 }])).toThrow(/sum to 800 but the expense is 900/);
  });

  it('refuses a member listed twice, an empty split and shares below one', () => {
    expect(() => splitExpense(10, 'EQUAL', [{ userId: 'a', weight: 1 }, { userId: 'a', weight: 1 }])).toThrow(/once/);
    expect(() => splitExpense(10, 'EQUAL', [])).toThrow(/at least one/);
    expect(() => splitExpense(10, 'SHARES', [{ userId: 'a', weight: 0 }])).toThrow(/Shares/);
  });
});
