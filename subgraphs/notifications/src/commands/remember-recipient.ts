import type { EventHandler, PayloadOf, userSignedUp } from '@sx/events';
import { rememberRecipient as storeRecipient } from '../db/recipient-queries.js';

/** users.user.signed_up → where to email the user (v1 events, upcast without an address, are skipped). */
export const rememberRecipient: EventHandler<PayloadOf<typeof userSignedUp>> = async (tx, event, log) => {
  const { userId, email, name } = event.data;
  if (!email) {
    log.info({ userId, eventId: event.id }, 'sign-up without an address; no emails for this user');
    return;
  }
  await storeRecipient(tx, { userId, email, name });
};
