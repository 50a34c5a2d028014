import { BadUserInput, isUuid, type Money, NotFound, parseMoneyInput, SUPPORTED_CURRENCIES } from '@sx/core';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from './idempotency.js';

/** The longest note a sender can attach to money they send. */
export const MAX_NOTE_LENGTH = 280;

/** A deposit or a withdrawal, parsed. */
export interface MoneyCommand {
  money: Money;
  idempotencyKey: string;
}

export interface SendCommand extends MoneyCommand {
  recipientId: string;
  note: string | null;
}

/** deposit's and withdraw's input as the API takes it (amount in minor units). */
export interface MoneyCommandInput {
  amount: { amount: number; currency: string };
  idempotencyKey: string;
}

/** sendMoney's input as the API takes it. */
export interface SendCommandInput extends MoneyCommandInput {
  toUserId: string;
  note?: string | null;
}

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

export function parseIdempotencyKey(key: string): string {
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !VISIBLE_ASCII.test(key)) {
    throw new BadUserInput(
      'INVALID_INPUT',
      `idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters without spaces; send a new UUID with each new request.`,
    );
  }
  return key;
}

export function parseMoneyCommand(input: MoneyCommandInput): MoneyCommand {
  return { money: parseMoneyInput(input.amount, 'amount'), idempotencyKey: parseIdempotencyKey(input.idempotencyKey) };
}

/**
 * A malformed id cannot be a user, so it is NOT_FOUND here; whether a well-formed one is a known
 * user is checked against wallet.known_users when the money moves (src/commands/send-money.ts).
 */
export function parseSendCommand(input: SendCommandInput, senderId: string): SendCommand {
  if (!isUuid(input.toUserId)) throw new NotFound('RECIPIENT_NOT_FOUND', `There is no user with id "${input.toUserId}".`);
  const recipientId = input.toUserId.toLowerCase();
  if (recipientId === senderId.toLowerCase()) {
    throw new BadUserInput('SELF_TRANSFER', 'You cannot send money to yourself; choose another user as toUserId.');
  }
  const note = input.note?.trim() || null;
  if (note !== null && note.length > MAX_NOTE_LENGTH) {
    throw new BadUserInput('INVALID_INPUT', `note may be at most ${MAX_NOTE_LENGTH} characters long.`);
  }
  return { ...parseMoneyCommand(input), recipientId, note };
}

/** The `currency` argument of User.wallet. */
export { parseCurrency } from '@sx/core';
