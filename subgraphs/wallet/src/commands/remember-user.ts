import type { EventEnvelope, PayloadOf, userSignedUp } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { rememberKnownUser } from '../db/known-user-queries.js';

export type UserSignedUp = EventEnvelope<PayloadOf<typeof userSignedUp>>;

/**
 * users.user.signed_up: the user can now receive money. Runs in the consumer's transaction; a
 * redelivered or replayed sign-up changes nothing.
 */
export async function rememberUser(tx: Tx, event: UserSignedUp, log: Logger): Promise<void> {
  // Stored uuids are lower case; the ledger compares them as text.
  const userId = event.data.userId.toLowerCase();
  await rememberKnownUser(tx, userId);
  log.debug({ eventId: event.id, userId }, 'user known to wallet');
}
