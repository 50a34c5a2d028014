import type { NotificationDraft } from './notification-kind.js';

// Disputes and the assignee's withdrawal (issue 17): who hears what. Messages quote nobody's
// text (the conversation is read on the task's page, where only the parties and admins see it).

interface DisputeParties {
  disputeId: string;
  taskId: string;
  posterId: string;
  assigneeId: string;
  paymentId: string;
}

const about = (d: { taskId: string; paymentId: string }) => ({ taskId: d.taskId, bidId: null, paymentId: d.paymentId });
const otherParty = (d: DisputeParties, userId: string) => (userId === d.posterId ? d.assigneeId : d.posterId);

/** tasks.dispute.opened: the other side learns of it; the money is frozen. */
export function disputeOpenedNotifications(d: DisputeParties & { openedBy: string }): NotificationDraft[] {
  return [
    {
      recipientId: otherParty(d, d.openedBy),
      kind: 'DISPUTE_OPENED',
      title: 'A dispute was opened on your task',
      body: 'The payment is frozen until an admin decides. Add your side of the story on the task page.',
      ...about(d),
    },
  ];
}

/** tasks.dispute.message_added: both parties but the author (an admin's message reaches both). */
export function disputeMessageNotifications(d: DisputeParties & { authorId: string }): NotificationDraft[] {
  return [d.posterId, d.assigneeId]
    .filter((id) => id !== d.authorId)
    .map((recipientId) => ({ recipientId, kind: 'DISPUTE_MESSAGE', title: 'New message in a dispute', body: 'Read it on the task page.', ...about(d) }));
}

/** tasks.dispute.resolved / dismissed: both parties hear the decision. */
export function disputeDecidedNotifications(d: DisputeParties, body: string): NotificationDraft[] {
  return [d.posterId, d.assigneeId].map((recipientId) => ({ recipientId, kind: 'DISPUTE_DECIDED', title: 'A dispute was decided', body, ...about(d) }));
}

/** tasks.task.withdrawn: the poster is refunded and the task takes bids again. */
export function taskWithdrawnNotifications(t: { taskId: string; posterId: string; paymentId: string }): NotificationDraft[] {
  return [
    {
      recipientId: t.posterId,
      kind: 'TASK_WITHDRAWN',
      title: 'Your tasker withdrew',
      body: 'The held payment goes back to your wallet and the task is open for bids again.',
      ...about(t),
    },
  ];
}
