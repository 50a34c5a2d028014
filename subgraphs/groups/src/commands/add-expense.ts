import { groupExpenseAdded, type Caller } from '@sx/events';
import { insertExpense } from '../db/expense-queries.js';
import { findRole, lockGroup, memberIdsOf } from '../db/membership-queries.js';
import type { ExpenseRow } from '../db/tables.js';
import type { GroupsDeps } from '../deps.js';
import type { ExpenseDraft } from '../domain/expense-draft.js';
import { splitExpense } from '../domain/expense-split.js';
import { NotGroupMember } from '../domain/group-errors.js';
import { requireMembers, requireMembership } from '../domain/membership.js';
import { recordGroupEvent } from '../events/group-events.js';

/**
 * A member records an expense: it is split (the parts sum to the total), each part owed to the
 * payer, and groups.expense.added tells the debtors. The group lock keeps it from racing a
 * departure of someone it names.
 */
export function addExpense(deps: GroupsDeps, command: { caller: Caller; draft: ExpenseDraft }): Promise<ExpenseRow> {
  const { caller, draft } = command;
  return deps.db.transaction(async (tx) => {
    if (!(await lockGroup(tx, draft.groupId))) throw new NotGroupMember();
    requireMembership(await findRole(tx, draft.groupId, caller.userId));
    const members = await memberIdsOf(tx, draft.groupId);
    requireMembers(members, [draft.payerId], 'payerId');
    requireMembers(members, draft.split.map((p) => p.userId), 'split');
    const parts = splitExpense(draft.amount.amountMinor, draft.splitMethod, draft.split);
    const { expense, shares } = await insertExpense(
      tx,
      {
        groupId: draft.groupId,
        description: draft.description,
        amountMinor: draft.amount.amountMinor,
        currency: draft.amount.currency,
        spentOn: draft.spentOn,
        payerId: draft.payerId,
        splitMethod: draft.splitMethod,
        createdBy: caller.userId,
      },
      parts,
    );
    await recordGroupEvent(
      tx,
      groupExpenseAdded,
      {
        expenseId: expense.id,
        groupId: expense.groupId,
        description: expense.description,
        amount: { amountMinor: expense.amountMinor, currency: expense.currency },
        payerId: expense.payerId,
        shares: shares.map((s) => ({ shareId: s.id, userId: s.debtorId, amountMinor: s.amountMinor })),
      },
      caller.actor,
    );
    return expense;
  });
}
