import type { disputeDismissed, disputeMessageAdded, disputeOpened, disputeResolved, EventHandler, PayloadOf, taskWithdrawn } from '@sx/events';
import { disputeDecidedNotifications, disputeMessageNotifications, disputeOpenedNotifications, taskWithdrawnNotifications } from '../domain/dispute-notifications.js';
import { formatMoney } from '../domain/money-text.js';
import { storeNotifications, type NotifySettings } from './store-notifications.js';

// The reactions of `notifications_from_tasks` to disputes and withdrawals (issue 17).

export const notifyDisputeOpened =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof disputeOpened>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, disputeOpenedNotifications(event.data), settings);

export const notifyDisputeMessage =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof disputeMessageAdded>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, disputeMessageNotifications(event.data), settings);

export const notifyDisputeResolved =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof disputeResolved>> =>
  (tx, event, log) => {
    const { refund, release } = event.data;
    const body = `An admin split the payment: ${formatMoney(refund)} back to the poster, ${formatMoney(release)} released to the tasker (before the fee).`;
    return storeNotifications(tx, event, log, disputeDecidedNotifications(event.data, body), settings);
  };

export const notifyDisputeDismissed =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof disputeDismissed>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, disputeDecidedNotifications(event.data, 'An admin dismissed the dispute: the task goes on where it was, and its payment is no longer frozen.'), settings);

export const notifyTaskWithdrawn =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof taskWithdrawn>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, taskWithdrawnNotifications(event.data), settings);
