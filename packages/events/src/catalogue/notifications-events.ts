import { z } from 'zod';
import { defineEvent } from './define.js';
import { uuid } from './shared-fields.js';

/**
 * A notification was stored for its recipient: the gateway routes it to the recipient's
 * `notificationEvents` subscriptions (it names nobody else). `kind` is one of the notifications
 * subgraph's kinds (BID_RECEIVED, …), listed there.
 */
export const notificationCreated = defineEvent({
  type: 'notifications.notification.created',
  schema: z.object({ notificationId: uuid, recipientId: uuid, kind: z.string().regex(/^[A-Z_]+$/) }),
  aggregateId: (d) => d.recipientId,
});

export const NOTIFICATIONS_EVENTS = [notificationCreated];
