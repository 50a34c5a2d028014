/** Currencies the API accepts; all have two minor digits. */
export const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Money as the API sends it: integer minor units (cents) and a currency code. */
export interface MoneyValue {
  amount: number;
  currency: string;
}

/** 12345, 'EUR' → "€123.45", in `locale` (the device's when absent). */
export function formatMoney(money: MoneyValue, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(money.amount / 100);
}

/** The most a person may type: the API caps amounts at 1,000,000,000 minor units. */
const MAX_WHOLE_DIGITS = 7;

/**
 * What a person typed ("123.45", "123,45", "123") → 12345 minor units; null when it is not a
 * positive amount with at most two decimals (the form says so instead of sending it).
 */
export function parseAmountCents(text: string): number | null {
  const match = new RegExp(`^\\s*(\\d{1,${MAX_WHOLE_DIGITS}})(?:[.,](\\d{1,2}))?\\s*$`).exec(text);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents > 0 ? cents : null;
}
