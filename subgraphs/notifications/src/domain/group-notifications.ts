import { formatMoney } from './money-text.js';
import type { NotificationDraft } from './notification-kind.js';

// Group notifications link to no marketplace task, bid or payment: the group page shows them.
const UNLINKED = { taskId: null, bidId: null, paymentId: null };

interface Money {
  amountMinor: number;
  currency: string;
}

/** The fields of the groups events these rules read (groups.task.assigned, .expense.added, .share.settled). */
export interface AssignedGroupTask {
  title: string;
  posterId: string;
  assigneeId: string;
  rewardPoints: number;
  dueAt: string | null;
}
export interface AddedExpense {
  description: string;
  amount: Money;
  payerId: string;
  shares: readonly { userId: string; amountMinor: number }[];
}
export interface SettledShare {
  debtorId: string;
  creditorId: string;
  amount: Money;
  method: 'IN_APP' | 'OUTSIDE';
}

/** groups.invitation.sent: the invitee, when their address belongs to an account. */
export function groupInvitationNotifications(invite: { groupName: string }, inviteeId: string | null): NotificationDraft[] {
  if (!inviteeId) return [];
  return [{ recipientId: inviteeId, kind: 'GROUP_INVITATION', title: `Join ${invite.groupName}?`, body: `You were invited to the group “${invite.groupName}”. Open Groups to join or decline.`, ...UNLINKED }];
}

/** groups.task.assigned: the assignee, unless they assigned it to themself. */
export function groupTaskAssignedNotifications(t: AssignedGroupTask): NotificationDraft[] {
  if (t.assigneeId === t.posterId) return [];
  const reward = t.rewardPoints > 0 ? ` It earns ${t.rewardPoints} points.` : '';
  const due = t.dueAt ? ` Due ${t.dueAt.replace('T', ' ').slice(0, 16)} UTC.` : '';
  return [{ recipientId: t.assigneeId, kind: 'GROUP_TASK_ASSIGNED', title: 'A task for you', body: `“${t.title}” was assigned to you.${reward}${due}`, ...UNLINKED }];
}

/** groups.expense.added: each member who owes a share (the payer's own part is paid). */
export function expenseAddedNotifications(e: AddedExpense): NotificationDraft[] {
  return e.shares
    .filter((s) => s.userId !== e.payerId && s.amountMinor > 0)
    .map((s) => ({
      recipientId: s.userId,
      kind: 'EXPENSE_ADDED' as const,
      title: 'New shared expense',
      body: `Your share of “${e.description}” (${formatMoney(e.amount)}) is ${formatMoney({ amountMinor: s.amountMinor, currency: e.amount.currency })}.`,
      ...UNLINKED,
    }));
}

/** groups.share.settled: the member who did not act hears of it (the creditor of an in-app payment, the debtor of a confirmation). */
export function shareSettledNotifications(s: SettledShare): NotificationDraft[] {
  const amount = formatMoney(s.amount);
  return s.method === 'IN_APP'
    ? [{ recipientId: s.creditorId, kind: 'SHARE_SETTLED', title: 'A share was paid to you', body: `${amount} for a shared expense arrived in your wallet.`, ...UNLINKED }]
    : [{ recipientId: s.debtorId, kind: 'SHARE_SETTLED', title: 'Your share is settled', body: `Your share of ${amount} was confirmed as paid.`, ...UNLINKED }];
}
