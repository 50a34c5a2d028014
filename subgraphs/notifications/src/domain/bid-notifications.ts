import { formatMoney } from './money-text.js';
import type { NotificationDraft } from './notification-kind.js';

interface Money {
  amountMinor: number;
  currency: string;
}

/** The fields of a bid event these rules read (bids' events carry them). */
export interface BidFacts {
  bidId: string;
  taskId: string;
  taskerId: string;
  /** Absent on events written before bids named the poster: nobody can be told then. */
  posterId?: string | undefined;
}

const links = (bid: BidFacts, paymentId: string | null = null) => ({ taskId: bid.taskId, bidId: bid.bidId, paymentId });

/** bids.bid.placed: the task's poster hears of the offer. */
export function bidPlacedNotifications(bid: BidFacts & { amount: Money; message: string }): NotificationDraft[] {
  if (!bid.posterId) return [];
  const quote = bid.message.trim() ? ` “${bid.message.trim()}”` : '';
  return [
    {
      recipientId: bid.posterId,
      kind: 'BID_RECEIVED',
      title: 'New bid on your task',
      body: `A tasker offered to do it for ${formatMoney(bid.amount)}.${quote}`,
      ...links(bid),
    },
  ];
}

/** bids.bid.accepted: the tasker won the task. */
export function bidAcceptedNotifications(bid: BidFacts & { paymentId: string }): NotificationDraft[] {
  return [
    {
      recipientId: bid.taskerId,
      kind: 'BID_ACCEPTED',
      title: 'Your bid was accepted',
      body: 'The poster accepted your bid: the task is yours, and the payment is held in escrow until the work is confirmed.',
      ...links(bid, bid.paymentId),
    },
  ];
}

const REJECTION_REASONS: Record<string, string> = {
  TASK_CANCELLED: 'The poster cancelled the task.',
  OTHER_BID_ACCEPTED: 'The poster chose another bid.',
  TASK_CLOSED: 'The task is no longer open.',
};

/** bids.bid.rejected: the tasker's bid can no longer win. */
export function bidRejectedNotifications(bid: BidFacts & { reason: string }): NotificationDraft[] {
  return [
    {
      recipientId: bid.taskerId,
      kind: 'BID_REJECTED',
      title: 'Your bid was not accepted',
      body: REJECTION_REASONS[bid.reason] ?? 'The task is no longer open.',
      ...links(bid),
    },
  ];
}
