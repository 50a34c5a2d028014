import { BadUserInput, parseMoneyInput, type Money, type MoneyInput } from '@sx/core';
import type { SplitMethod, SplitPart } from './expense-split.js';
import { boundedText } from './text-input.js';

export const MAX_EXPENSE_DESCRIPTION_LENGTH = 200;

/** A validated expense; whether its people belong to the group is checked against the members. */
export interface ExpenseDraft {
  groupId: string;
  description: string;
  amount: Money;
  /** The day it was paid, YYYY-MM-DD (UTC). */
  spentOn: string;
  payerId: string;
  splitMethod: SplitMethod;
  split: SplitPart[];
}

/** An expense as a client sends it (the API's AddExpenseInput). */
export interface ExpenseDraftInput {
  groupId: string;
  description: string;
  amount: MoneyInput;
  spentOn?: Date | null;
  payerId?: string | null;
  splitMethod: SplitMethod;
  split: readonly { userId: string; weight?: number | null }[];
}

export function parseExpenseDraft(input: ExpenseDraftInput, callerId: string, now: Date): ExpenseDraft {
  const spentOn = input.spentOn ?? now;
  if (spentOn.getTime() > now.getTime() + 86_400_000) {
    throw new BadUserInput('INVALID_INPUT', 'spentOn cannot be in the future.', { field: 'spentOn' });
  }
  const split = input.split.map((p) => {
    if (input.splitMethod !== 'EQUAL' && (p.weight === null || p.weight === undefined)) {
      throw new BadUserInput('INVALID_INPUT', `Every member of a ${input.splitMethod} split needs a weight.`, { field: 'split' });
    }
    return { userId: p.userId.toLowerCase(), weight: p.weight ?? 1 };
  });
  return {
    groupId: input.groupId,
    description: boundedText(input.description, 'description', 1, MAX_EXPENSE_DESCRIPTION_LENGTH),
    amount: parseMoneyInput(input.amount, 'amount'),
    spentOn: spentOn.toISOString().slice(0, 10),
    payerId: (input.payerId ?? callerId).toLowerCase(),
    splitMethod: input.splitMethod,
    split,
  };
}
