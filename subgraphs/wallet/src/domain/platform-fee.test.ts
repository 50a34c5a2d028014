import { describe, expect, it } from 'vitest';
import { MAX_PLATFORM_FEE_BPS, splitPayment } from './platform-fee.js';

describe('splitPayment', () => {
  it.each([
    [999, 100, 899],
    [995, 100, 895], // 99.5 rounds up
    [994, 99, 895], // 99.4 rounds down
    [1, 0, 1],
    [5, 1, 4], // 0.5 rounds up
    [4, 0, 4],
    [10_000, 1_000, 9_000],
  ])('takes a 10 %% fee of %i as %i and pays the tasker %i', (amountMinor, feeMinor, payoutMinor) => {
    expect(splitPayment(amountMinor, 1_000)).toEqual({ feeMinor, payoutMinor });
  });

  it('takes no fee at 0 bps', () => {
    expect(splitPayment(12_345, 0)).toEqual({ feeMinor: 0, payoutMinor: 12_345 });
  });

  it('always pays the tasker at least one minor unit, even at the highest fee', () => {
    expect(splitPayment(1, MAX_PLATFORM_FEE_BPS)).toEqual({ feeMinor: 0, payoutMinor: 1 });
    expect(splitPayment(2, MAX_PLATFORM_FEE_BPS)).toEqual({ feeMinor: 1, payoutMinor: 1 });
  });

  it('stays exact for the largest amount the platform accepts', () => {
    expect(splitPayment(1_000_000_000, 1_000)).toEqual({ feeMinor: 100_000_000, payoutMinor: 900_000_000 });
    expect(splitPayment(999_999_999, 333)).toEqual({ feeMinor: 33_300_000, payoutMinor: 966_699_999 });
  });

  it.each([
    ['a zero amount', 0, 1_000],
    ['a fractional amount', 1.5, 1_000],
    ['a negative fee', 100, -1],
    ['a fee above the bound', 100, MAX_PLATFORM_FEE_BPS + 1],
  ])('fails loudly on %s', (_name, amountMinor, feeBps) => {
    expect(() => splitPayment(amountMinor, feeBps)).toThrow(/invariant/);
  });
});
