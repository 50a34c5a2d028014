import { BadUserInput, type Identity } from '@sx/core';
import { requireCaller } from '@sx/events';
import { addDisputeMessage } from '../../commands/add-dispute-message.js';
import { openDispute } from '../../commands/open-dispute.js';
import { resolveDispute } from '../../commands/resolve-dispute.js';
import { withdrawFromTask } from '../../commands/withdraw-from-task.js';
import type { TasksDeps } from '../../deps.js';
import { DISPUTE_DETAILS_MAX, DISPUTE_MESSAGE_MAX, type DisputeDecision } from '../../domain/dispute-rules.js';
import type { MutationResolvers, ResolveDisputeInput } from '../../generated/resolvers-types.js';

// Code points, as Postgres char_length counts them.
const charCount = (text: string) => [...text].length;

function parseText(raw: string, field: string, bounds: { min: number; max: number }): string {
  const text = raw.trim();
  const chars = charCount(text);
  if (chars < bounds.min || chars > bounds.max) {
    throw new BadUserInput('INVALID_INPUT', `${field} must be ${bounds.min} to ${bounds.max} characters long (it has ${chars}).`, { field });
  }
  return text;
}

/** Either dismiss, or both amounts in one currency. */
function parseDecision(input: ResolveDisputeInput): DisputeDecision {
  const { refundAmount, releaseAmount, dismiss } = input;
  if (dismiss === true && !refundAmount && !releaseAmount) return { kind: 'dismiss' };
  if (!dismiss && refundAmount && releaseAmount && refundAmount.currency.toUpperCase() === releaseAmount.currency.toUpperCase()) {
    return { kind: 'split', refundMinor: refundAmount.amount, releaseMinor: releaseAmount.amount, currency: refundAmount.currency.toUpperCase() };
  }
  throw new BadUserInput('DISPUTE_DECISION_INVALID', 'Give either dismiss: true, or refundAmount and releaseAmount in the same currency — not both, not neither.');
}

const isAdmin = (identity: Identity) => identity.roles.includes('ADMIN');

export function disputeMutations(deps: TasksDeps): Pick<MutationResolvers, 'openDispute' | 'addDisputeMessage' | 'resolveDispute' | 'withdrawFromTask'> {
  return {
    openDispute: async (_, { input }, ctx) => {
      const caller = requireCaller(ctx.identity);
      const details = parseText(input.details, 'details', { min: 0, max: DISPUTE_DETAILS_MAX });
      const dispute = await openDispute(deps, { caller, taskId: input.taskId, reason: input.reason, details });
      ctx.log.info({ taskId: dispute.taskId, disputeId: dispute.id }, 'dispute opened');
      return dispute;
    },
    addDisputeMessage: async (_, { input }, ctx) => {
      const caller = requireCaller(ctx.identity);
      const text = parseText(input.text, 'text', { min: 1, max: DISPUTE_MESSAGE_MAX });
      return addDisputeMessage(deps, { caller, isAdmin: isAdmin(ctx.identity), disputeId: input.disputeId, text });
    },
    resolveDispute: async (_, { input }, ctx) => {
      const caller = requireCaller(ctx.identity, 'ADMIN');
      const dispute = await resolveDispute(deps, { caller, disputeId: input.disputeId, decision: parseDecision(input) });
      ctx.log.info({ disputeId: dispute.id, status: dispute.status }, 'dispute decided');
      return dispute;
    },
    withdrawFromTask: async (_, args, ctx) => {
      const task = await withdrawFromTask(deps, { caller: requireCaller(ctx.identity), taskId: args.taskId });
      ctx.log.info({ taskId: task.id }, 'assignee withdrew from task');
      return task;
    },
  };
}
