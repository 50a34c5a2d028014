/** Currencies the API accepts; all have two minor digits. */
export const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** 12345, 'EUR' → "€123.45" (in the browser's locale). */
export function formatMoney(money: { amount: number; currency: string }): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: money.currency }).format(money.amount / 100);
}

/** "123.45" or "123" → 12345 minor units; null when it is not a positive amount with at most two decimals. */
export function parseAmountCents(text: string): number | null {
  const match = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents > 0 ? cents : null;
}
