import { parseMoneyInput } from '@sx/core';
import { requireCaller } from '@sx/events';
import { addExpense } from '../../commands/add-expense.js';
import { recordSettlement } from '../../commands/record-settlement.js';
import { markSharePaid } from '../../commands/settle-share.js';
import type { GroupsDeps } from '../../deps.js';
import { parseExpenseDraft } from '../../domain/expense-draft.js';
import type { MutationResolvers } from '../../generated/resolvers-types.js';

type ExpenseMutations = Pick<MutationResolvers, 'addExpense' | 'markSharePaid' | 'recordSettlement'>;

export function expenseMutations(deps: GroupsDeps): ExpenseMutations {
  return {
    addExpense: async (_, { input }, ctx) => {
      const caller = requireCaller(ctx.identity);
      const expense = await addExpense(deps, { caller, draft: parseExpenseDraft(input, caller.userId, new Date()) });
      ctx.log.info({ expenseId: expense.id, groupId: expense.groupId }, 'expense added');
      return expense;
    },
    markSharePaid: async (_, { shareId }, ctx) => {
      const share = await markSharePaid(deps, { caller: requireCaller(ctx.identity), shareId });
      const expense = await ctx.loaders.expense.load(share.expenseId);
      return { ...share, description: expense?.description ?? '' };
    },
    recordSettlement: (_, { input }, ctx) =>
      recordSettlement(deps, {
        caller: requireCaller(ctx.identity),
        groupId: input.groupId,
        fromUserId: input.fromUserId.toLowerCase(),
        amount: parseMoneyInput(input.amount, 'amount'),
      }),
  };
}
