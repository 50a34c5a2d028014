import { describe, expect, it } from 'vitest';
import { disputeOutcome } from './dispute-split.js';
import { splitPayment } from './platform-fee.js';

const payment = { id: 'p-1', amountMinor: 7_005 };

describe('settling a disputed payment', () => {
  it('takes the fee on the released part only, rounded as a release rounds', () => {
    expect(disputeOutcome(payment, { refundMinor: 3_000, releaseMinor: 4_005 }, 1_000)).toEqual({ status: 'SPLIT', refundMinor: 3_000, payoutMinor: 3_604, feeMinor: 401 });
    const released = splitPayment(4_005, 1_000);
    expect(released).toEqual({ feeMinor: 401, payoutMinor: 3_604 });
  });

  it('is a plain refund (no fee) or a plain release when one side gets it all', () => {
    expect(disputeOutcome(payment, { refundMinor: 7_005, releaseMinor: 0 }, 1_000)).toEqual({ status: 'REFUNDED', refundMinor: 7_005, payoutMinor: 0, feeMinor: null });
    expect(disputeOutcome(payment, { refundMinor: 0, releaseMinor: 7_005 }, 1_000)).toEqual({ status: 'RELEASED', refundMinor: 0, payoutMinor: 6_304, feeMinor: 701 });
  });

  it('never moves a cent more or less than was held', () => {
    for (let refund = 0; refund <= payment.amountMinor; refund += 667) {
      const outcome = disputeOutcome(payment, { refundMinor: refund, releaseMinor: payment.amountMinor - refund }, 1_000);
      expect(outcome.refundMinor + outcome.payoutMinor + (outcome.feeMinor ?? 0)).toBe(payment.amountMinor);
    }
    expect(() => disputeOutcome(payment, { refundMinor: 3_000, releaseMinor: 4_000 }, 1_000)).toThrow(/invariant|not its/);
  });
});
