/** pending: the wallet is debited and the provider asked (or about to be); paid or failed once it answered. */
export const PAYOUT_STATUSES = ['pending', 'paid', 'failed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** What one payout run paid in one currency. */
export interface RunTotal {
  amountMinor: number;
  currency: string;
}

/** Adds one paid payout to a run's totals (one entry per currency, in first-paid order). */
export function addToTotals(totals: readonly RunTotal[], paid: RunTotal): RunTotal[] {
  const found = totals.some((t) => t.currency === paid.currency);
  if (!found) return [...totals, { ...paid }];
  return totals.map((t) => (t.currency === paid.currency ? { currency: t.currency, amountMinor: t.amountMinor + paid.amountMinor } : t));
}
