import { BadUserInput } from '@sx/core';

/** Longest holder name a bank statement line is likely to carry; longer is refused, not cut. */
export const MAX_HOLDER_NAME_LENGTH = 140;

/** A payout destination as a tasker gives it, validated (the account number normalised). */
export interface DestinationDraft {
  holderName: string;
  /** Upper case, no spaces: `GB82WEST12345698765432`. */
  accountNumber: string;
}

// ISO 13616: two letters (country), two check digits, then 11 to 30 letters or digits.
const IBAN_SHAPE = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/;

/**
 * The ISO 7064 mod-97-10 check of an IBAN: the first four characters moved to the end, letters
 * read as numbers (A = 10 … Z = 35), the whole is 1 modulo 97. Computed piecewise so no number
 * outgrows a double.
 */
export function passesMod97(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/** Parses an account number as typed (spaces, lower case) into an IBAN, or BAD_USER_INPUT saying what is wrong. */
export function parseAccountNumber(raw: string): string {
  const iban = raw.replace(/\s+/g, '').toUpperCase();
  if (!IBAN_SHAPE.test(iban)) {
    throw new BadUserInput(
      'INVALID_INPUT',
      'accountNumber must be an IBAN: two letters, two check digits, then 11 to 30 letters or digits (spaces are ignored).',
      { field: 'accountNumber' },
    );
  }
  if (!passesMod97(iban)) {
    throw new BadUserInput('INVALID_INPUT', 'accountNumber fails the IBAN check digits; check it for a typo.', { field: 'accountNumber' });
  }
  return iban;
}

export function parseDestination(input: { holderName: string; accountNumber: string }): DestinationDraft {
  const holderName = input.holderName.trim().replace(/\s+/g, ' ');
  if (holderName.length === 0 || holderName.length > MAX_HOLDER_NAME_LENGTH) {
    throw new BadUserInput('INVALID_INPUT', `holderName must be 1 to ${MAX_HOLDER_NAME_LENGTH} characters.`, { field: 'holderName' });
  }
  return { holderName, accountNumber: parseAccountNumber(input.accountNumber) };
}

/** What the wallet keeps and shows of an account number: the country and the last four characters. */
export function maskAccountNumber(iban: string): string {
  return `${iban.slice(0, 2)}•••• ${iban.slice(-4)}`;
}
