import { type EventConsumer, type EventEnvelope, type PayloadOf, userSignedUp } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { rememberUser } from '../db/known-user-queries.js';

/** users.user.signed_up: the user can now receive money. */
export async function onUserSignedUp(tx: Tx, event: EventEnvelope<PayloadOf<typeof userSignedUp>>, log: Logger): Promise<void> {
  // Stored uuids are lower case; the ledger compares them as text.
  const userId = event.data.userId.toLowerCase();
  await rememberUser(tx, userId);
  log.debug({ eventId: event.id, userId }, 'user known to wallet');
}

/** The durable consumer `wallet_from_users`: the replica of who exists. */
export function consumeUserEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(userSignedUp, onUserSignedUp);
}
