import { BadUserInput, isUuid, type Money, type MoneyInput, NotFound, parseMoneyInput } from '@sx/core';

/** Longest message a tasker can send with a bid (the table CHECKs the same). */
export const MAX_BID_MESSAGE_LENGTH = 2_000;

/** A validated new bid; whether the task takes it is decided against the task replica. */
export interface BidDraft {
  taskId: string;
  amount: Money;
  message: string;
}

/** A new bid as a tasker sends it (the API's PlaceBidInput), not validated yet. */
export interface BidDraftInput {
  taskId: string;
  amount: MoneyInput;
  message?: string | null;
}

/** A change to a bid as a tasker sends it (the API's UpdateBidInput): absent keys stay as they are. */
export interface BidPatchInput {
  amount?: MoneyInput | null;
  message?: string | null;
}

export interface BidPatch {
  amount?: Money;
  message?: string;
}

function parseMessage(message: string): string {
  const trimmed = message.trim();
  if (trimmed.length > MAX_BID_MESSAGE_LENGTH) {
    throw new BadUserInput('INVALID_INPUT', `message must be at most ${MAX_BID_MESSAGE_LENGTH} characters; it has ${trimmed.length}.`);
  }
  return trimmed;
}

/** Checks every field of a new bid; the first bad one is reported. */
export function parseBidDraft(input: BidDraftInput): BidDraft {
  // A malformed id can never name a task, now or later: not found, not "retry".
  if (!isUuid(input.taskId)) throw new NotFound('TASK_NOT_FOUND', `There is no task with id "${input.taskId}".`);
  return {
    taskId: input.taskId.toLowerCase(),
    amount: parseMoneyInput(input.amount, 'amount'),
    message: parseMessage(input.message ?? ''),
  };
}

/** Checks a change to a bid (absent fields stay as they are); a change that changes nothing is refused. */
export function parseBidPatch(input: BidPatchInput): BidPatch {
  const patch: BidPatch = {};
  if (input.amount === null) throw new BadUserInput('INVALID_INPUT', 'amount cannot be removed from a bid; send the new amount instead.');
  if (input.amount !== undefined) patch.amount = parseMoneyInput(input.amount, 'amount');
  // null clears the message, like an empty string.
  if (input.message !== undefined) patch.message = parseMessage(input.message ?? '');
  if (patch.amount === undefined && patch.message === undefined) {
    throw new BadUserInput('NOTHING_TO_CHANGE', 'Nothing to change: send a new amount, a new message, or both.');
  }
  return patch;
}
