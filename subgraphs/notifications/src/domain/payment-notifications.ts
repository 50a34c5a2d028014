import { formatMoney } from './money-text.js';
import type { NotificationDraft } from './notification-kind.js';

interface Money {
  amountMinor: number;
  currency: string;
}

/** The fields of a task payment event these rules read (wallet's escrow events carry them). */
export interface PaymentFacts {
  paymentId: string;
  taskId: string;
  bidId: string;
  payerId: string;
  payeeId: string;
  amount: Money;
}

const links = (p: PaymentFacts) => ({ taskId: p.taskId, bidId: p.bidId, paymentId: p.paymentId });

/** wallet.escrow.held: both parties learn the money is safe. */
export function escrowHeldNotifications(p: PaymentFacts): NotificationDraft[] {
  const amount = formatMoney(p.amount);
  return [
    { recipientId: p.payerId, kind: 'PAYMENT_HELD', title: 'Payment held in escrow', body: `${amount} is held until you confirm the work is done.`, ...links(p) },
    { recipientId: p.payeeId, kind: 'PAYMENT_HELD', title: 'Payment secured', body: `${amount} for your task is held in escrow; it is released to you when the work is confirmed.`, ...links(p) },
  ];
}

/** wallet.payment.released: the tasker was paid, the poster's payment went out. */
export function paymentReleasedNotifications(p: PaymentFacts & { fee: Money; payout: Money }): NotificationDraft[] {
  return [
    { recipientId: p.payeeId, kind: 'PAYMENT_RELEASED', title: 'You were paid', body: `${formatMoney(p.payout)} was released to your wallet (fee ${formatMoney(p.fee)}).`, ...links(p) },
    { recipientId: p.payerId, kind: 'PAYMENT_RELEASED', title: 'Payment released', body: `${formatMoney(p.amount)} was released to the tasker.`, ...links(p) },
  ];
}

/** wallet.payment.refunded: the poster has the money back. */
export function paymentRefundedNotifications(p: PaymentFacts & { reason: string }): NotificationDraft[] {
  const WHY: Record<string, string> = { TASK_CANCELLED: 'the task was cancelled', TASK_WITHDRAWN: 'the tasker withdrew from the task' };
  const why = WHY[p.reason] ?? 'the task could not be assigned';
  return [{ recipientId: p.payerId, kind: 'PAYMENT_REFUNDED', title: 'Payment refunded', body: `${formatMoney(p.amount)} went back to your wallet: ${why}.`, ...links(p) }];
}

/** wallet.money.sent: the recipient hears of the money (the sender did it themself). */
export function moneySentNotifications(send: { recipientId: string; amount: Money; note: string | null }): NotificationDraft[] {
  const note = send.note?.trim() ? ` Note: “${send.note.trim()}”` : '';
  return [
    {
      recipientId: send.recipientId,
      kind: 'MONEY_RECEIVED',
      title: 'You received money',
      body: `${formatMoney(send.amount)} arrived in your wallet.${note}`,
      taskId: null,
      bidId: null,
      paymentId: null,
    },
  ];
}

/** The facts of a daily payout (wallet.payout.paid / wallet.payout.failed). */
export interface PayoutFacts {
  userId: string;
  amount: Money;
  accountMask: string;
}

const noLinks = { taskId: null, bidId: null, paymentId: null };

/** wallet.payout.paid: the tasker learns the money is on its way to their bank. */
export function payoutPaidNotifications(p: PayoutFacts): NotificationDraft[] {
  return [{ recipientId: p.userId, kind: 'PAYOUT_SENT', title: 'Payout sent', body: `${formatMoney(p.amount)} was paid out to your account ${p.accountMask}.`, ...noLinks }];
}

/** wallet.payout.failed: the tasker learns the bank refused and the money stayed with us. */
export function payoutFailedNotifications(p: PayoutFacts): NotificationDraft[] {
  return [
    {
      recipientId: p.userId,
      kind: 'PAYOUT_FAILED',
      title: 'Payout declined',
      body: `Your payout of ${formatMoney(p.amount)} to ${p.accountMask} was declined; the money is back in your wallet. Check your payout destination.`,
      ...noLinks,
    },
  ];
}
