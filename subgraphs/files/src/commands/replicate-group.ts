import type { EventEnvelope, groupExpenseAdded, groupMemberJoined, groupMemberLeft, PayloadOf } from '@sx/events';
import type { Tx } from '@sx/runtime';
import { forgetMember, rememberExpense, rememberMember } from '../db/replica-queries.js';

/** groups.expense.added: the expense's payer (who attaches its receipt) and its group. */
export async function replicateExpense(tx: Tx, event: EventEnvelope<PayloadOf<typeof groupExpenseAdded>>): Promise<void> {
  await rememberExpense(tx, { expenseId: event.data.expenseId, groupId: event.data.groupId, payerId: event.data.payerId });
}

/** groups.member.joined: receipt URLs minted for them work; an owner may remove the group's receipts. */
export async function replicateMemberJoined(tx: Tx, event: EventEnvelope<PayloadOf<typeof groupMemberJoined>>): Promise<void> {
  await rememberMember(tx, { groupId: event.data.groupId, userId: event.data.userId, role: event.data.role });
}

/** groups.member.left: receipt URLs minted for them stop working at once, not when they expire. */
export async function replicateMemberLeft(tx: Tx, event: EventEnvelope<PayloadOf<typeof groupMemberLeft>>): Promise<void> {
  await forgetMember(tx, { groupId: event.data.groupId, userId: event.data.userId });
}
