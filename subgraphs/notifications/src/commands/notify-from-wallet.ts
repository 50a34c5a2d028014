import type { escrowHeld, EventHandler, EventStep, moneySent, PayloadOf, paymentRefunded, paymentReleased, payoutFailed, payoutPaid } from '@sx/events';
import {
  escrowHeldNotifications,
  moneySentNotifications,
  paymentRefundedNotifications,
  paymentReleasedNotifications,
  payoutFailedNotifications,
  payoutPaidNotifications,
} from '../domain/payment-notifications.js';
import { notifyInOneWrite, storeNotifications, type NotifySettings } from './store-notifications.js';

/** wallet.escrow.held → PAYMENT_HELD for the payer and the payee. */
export const notifyEscrowHeld =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof escrowHeld>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, escrowHeldNotifications(event.data), settings);

/** wallet.payment.released → PAYMENT_RELEASED for the payee and the payer. */
export const notifyPaymentReleased =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof paymentReleased>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, paymentReleasedNotifications(event.data), settings);

/** wallet.payment.refunded → PAYMENT_REFUNDED for the payer. */
export const notifyPaymentRefunded =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof paymentRefunded>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, paymentRefundedNotifications(event.data), settings);

/** wallet.money.sent → MONEY_RECEIVED for the recipient. */
export const notifyMoneySent =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof moneySent>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, moneySentNotifications(event.data), settings);

/** wallet.payout.paid → PAYOUT_SENT for the tasker. */
export const notifyPayoutPaid =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof payoutPaid>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, payoutPaidNotifications(event.data), settings);

/** wallet.payout.failed → PAYOUT_FAILED for the tasker. */
export const notifyPayoutFailed =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof payoutFailed>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, payoutFailedNotifications(event.data), settings);

/** The one-write steps of the reactions above (store-notifications.ts, `notifyInOneWrite`). */
export const notifyEscrowHeldStep = (settings: NotifySettings): EventStep<PayloadOf<typeof escrowHeld>> => notifyInOneWrite(settings, escrowHeldNotifications);
export const notifyPaymentReleasedStep = (settings: NotifySettings): EventStep<PayloadOf<typeof paymentReleased>> => notifyInOneWrite(settings, paymentReleasedNotifications);
export const notifyPaymentRefundedStep = (settings: NotifySettings): EventStep<PayloadOf<typeof paymentRefunded>> => notifyInOneWrite(settings, paymentRefundedNotifications);
export const notifyMoneySentStep = (settings: NotifySettings): EventStep<PayloadOf<typeof moneySent>> => notifyInOneWrite(settings, moneySentNotifications);
