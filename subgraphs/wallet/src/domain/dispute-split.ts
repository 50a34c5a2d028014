import { assertInvariant } from './invariant.js';
import { splitPayment } from './platform-fee.js';

/** How a disputed payment ends, as wallet computes it from the admin's split. */
export interface DisputeSettlement {
  /** SPLIT when both sides get something; REFUNDED / RELEASED when one side gets it all. */
  status: 'SPLIT' | 'REFUNDED' | 'RELEASED';
  refundMinor: number;
  /** What the tasker receives: the released part minus the fee. */
  payoutMinor: number;
  /** The platform's fee, on the released part only, rounded as a release rounds; null on a full refund. */
  feeMinor: number | null;
}

/**
 * tasks checked that refund + release = the held amount; wallet asserts it again (a bug must fail
 * loudly, not lose a cent). The fee is the one splitPayment takes of the released part.
 */
export function disputeOutcome(payment: { id: string; amountMinor: number }, split: { refundMinor: number; releaseMinor: number }, feeBps: number): DisputeSettlement {
  const { refundMinor, releaseMinor } = split;
  assertInvariant(
    Number.isSafeInteger(refundMinor) && Number.isSafeInteger(releaseMinor) && refundMinor >= 0 && releaseMinor >= 0 && refundMinor + releaseMinor === payment.amountMinor,
    `dispute split ${refundMinor} + ${releaseMinor} of payment ${payment.id} is not its ${payment.amountMinor}`,
  );
  if (releaseMinor === 0) return { status: 'REFUNDED', refundMinor, payoutMinor: 0, feeMinor: null };
  const released = splitPayment(releaseMinor, feeBps);
  return { status: refundMinor === 0 ? 'RELEASED' : 'SPLIT', refundMinor, payoutMinor: released.payoutMinor, feeMinor: released.feeMinor };
}
