import type { bidAccepted, bidPlaced, bidRejected, EventHandler, EventStep, PayloadOf } from '@sx/events';
import { bidAcceptedNotifications, bidPlacedNotifications, bidRejectedNotifications } from '../domain/bid-notifications.js';
import { notifyInOneWrite, storeNotifications, type NotifySettings } from './store-notifications.js';

/** bids.bid.placed → BID_RECEIVED for the task's poster. */
export const notifyBidPlaced =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof bidPlaced>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, bidPlacedNotifications(event.data), settings);

/** bids.bid.accepted → BID_ACCEPTED for the tasker. */
export const notifyBidAccepted =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof bidAccepted>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, bidAcceptedNotifications(event.data), settings);

/** bids.bid.rejected → BID_REJECTED for the tasker. */
export const notifyBidRejected =
  (settings: NotifySettings): EventHandler<PayloadOf<typeof bidRejected>> =>
  (tx, event, log) =>
    storeNotifications(tx, event, log, bidRejectedNotifications(event.data), settings);

/** The one-write steps of the reactions above (store-notifications.ts, `notifyInOneWrite`). */
export const notifyBidPlacedStep = (settings: NotifySettings): EventStep<PayloadOf<typeof bidPlaced>> => notifyInOneWrite(settings, bidPlacedNotifications);
export const notifyBidAcceptedStep = (settings: NotifySettings): EventStep<PayloadOf<typeof bidAccepted>> => notifyInOneWrite(settings, bidAcceptedNotifications);
export const notifyBidRejectedStep = (settings: NotifySettings): EventStep<PayloadOf<typeof bidRejected>> => notifyInOneWrite(settings, bidRejectedNotifications);
