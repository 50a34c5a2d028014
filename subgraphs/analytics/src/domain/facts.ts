/**
 * What analytics counts: one fact per event of these kinds, dated by the event's occurredAt.
 */
export const FACT_KINDS = ['SIGN_UP', 'TASK_POSTED', 'BID_PLACED', 'TASK_ASSIGNED', 'TASK_COMPLETED', 'TASK_CANCELLED', 'DISPUTE_OPENED'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** Where an escrow payment stands in analytics' replica (wallet owns the truth). */
export const PAYMENT_STATES = ['HELD', 'RELEASED', 'REFUNDED'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

/** A part of a whole, or null when there is no whole to divide. */
export function rate(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.min(1, part / whole);
}
