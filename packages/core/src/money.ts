import { z } from 'zod';
import { BadUserInput } from './errors.js';

/** Currencies the platform settles in (ISO 4217, two minor digits each). */
export const SUPPORTED_CURRENCIES = ['USD', 'EUR', 'GBP'] as const;
export type Currency = (typeof SUPPORTED_CURRENCIES)[number];

/** Upper bound on a single amount: 10 million major units, far below 2^53 and int8. */
export const MAX_AMOUNT_MINOR = 1_000_000_000;

export interface Money {
  amountMinor: number;
  currency: Currency;
}

/** An amount as a client sends it (the API's MoneyInput), not validated yet. */
export interface MoneyInput {
  amount: number;
  currency: string;
}

/** Validates a MoneyInput from the API into domain Money; amounts must be positive. */
export function parseMoneyInput(input: MoneyInput, field: string): Money {
  if (!Number.isSafeInteger(input.amount)) {
    throw new BadUserInput('INVALID_AMOUNT', `${field}.amount must be a whole number of minor units (e.g. cents).`, { field: `${field}.amount` });
  }
  if (input.amount <= 0) throw new BadUserInput('INVALID_AMOUNT', `${field}.amount must be greater than zero.`, { field: `${field}.amount` });
  if (input.amount > MAX_AMOUNT_MINOR) {
    throw new BadUserInput('INVALID_AMOUNT', `${field}.amount must be at most ${MAX_AMOUNT_MINOR} minor units.`, { field: `${field}.amount` });
  }
  const currency = input.currency.toUpperCase();
  if (!(SUPPORTED_CURRENCIES as readonly string[]).includes(currency)) {
    throw new BadUserInput(
      'UNSUPPORTED_CURRENCY',
      `${field}.currency "${input.currency}" is not supported; use one of ${SUPPORTED_CURRENCIES.join(', ')}.`,
      { field: `${field}.currency` },
    );
  }
  return { amountMinor: input.amount, currency: currency as Currency };
}

export const currencySchema = z.enum(SUPPORTED_CURRENCIES);

/** A currency argument (User.wallet's, a ranking's), in any case. */
export function parseCurrency(value: string, field: string): Currency {
  const currency = value.toUpperCase();
  if (!(SUPPORTED_CURRENCIES as readonly string[]).includes(currency)) {
    throw new BadUserInput('UNSUPPORTED_CURRENCY', `${field} "${value}" is not supported; use one of ${SUPPORTED_CURRENCIES.join(', ')}.`);
  }
  return currency as Currency;
}

/** The API shape of Money. */
export function toApiMoney(amountMinor: number, currency: string): { amount: number; currency: string } {
  return { amount: amountMinor, currency };
}
