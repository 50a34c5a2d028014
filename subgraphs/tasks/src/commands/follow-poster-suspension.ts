import type { EventEnvelope, PayloadOf, userSuspended, userUnsuspended } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { writePosterSuspended } from '../db/moderation-writes.js';

/**
 * users.user.suspended → the poster's tasks leave the listings (all of them: a suspended
 * account's open tasks must not gather bids, and its others are nobody else's business).
 * Redelivery writes the same flag again.
 */
export async function hideTasksOfSuspendedPoster(tx: Tx, event: EventEnvelope<PayloadOf<typeof userSuspended>>, log: Logger): Promise<void> {
  const count = await writePosterSuspended(tx, { posterId: event.data.userId, suspended: true });
  log.info({ posterId: event.data.userId, count }, 'tasks of a suspended poster hidden');
}

/** users.user.unsuspended → the poster's tasks are listed again (unless an administrator hid one). */
export async function showTasksOfUnsuspendedPoster(tx: Tx, event: EventEnvelope<PayloadOf<typeof userUnsuspended>>): Promise<void> {
  await writePosterSuspended(tx, { posterId: event.data.userId, suspended: false });
}
