import { assertInvariant } from './invariant.js';

/** One basis point is 0.01 %. */
export const BPS_PER_WHOLE = 10_000;

/**
 * The highest PLATFORM_FEE_BPS accepted (25 %): well below the 50 % at which the fee of a
 * 1-cent payment would round up to the whole cent, so a tasker is always paid something.
 */
export const MAX_PLATFORM_FEE_BPS = 2_500;

export interface PaymentSplit {
  /** What the platform keeps. */
  feeMinor: number;
  /** What the tasker receives: the amount minus the fee. */
  payoutMinor: number;
}

/**
 * Splits a released payment (docs/saga.md): feeMinor = floor((amountMinor × feeBps + 5000) /
 * 10000), the fee rounded half up to the minor unit in integers only; the tasker gets the rest.
 */
export function splitPayment(amountMinor: number, feeBps: number): PaymentSplit {
  assertInvariant(Number.isSafeInteger(amountMinor) && amountMinor > 0, `payment amount ${amountMinor} is not a positive integer`);
  assertInvariant(Number.isInteger(feeBps) && feeBps >= 0 && feeBps <= MAX_PLATFORM_FEE_BPS, `fee of ${feeBps} bps is out of range`);
  // amountMinor ≤ MAX_AMOUNT_MINOR (1e9) times feeBps ≤ 2500 stays far below 2^53: exact.
  const feeMinor = Math.floor((amountMinor * feeBps + BPS_PER_WHOLE / 2) / BPS_PER_WHOLE);
  const payoutMinor = amountMinor - feeMinor;
  assertInvariant(feeMinor >= 0 && payoutMinor > 0 && feeMinor + payoutMinor === amountMinor, `split of ${amountMinor} at ${feeBps} bps`);
  return { feeMinor, payoutMinor };
}
