import { type EventEnvelope, type PayloadOf, userSuspended, type userUnsuspended } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { writePosterSuspended } from '../db/task-replica-queries.js';

/**
 * users.user.suspended / unsuspended → the poster's tasks take no bids while the account is
 * suspended (tasks hides them from the listings on the same events). A suspended account cannot
 * post, so the tasks the replica holds are all of them.
 */
export async function replicatePosterSuspension(tx: Tx, event: EventEnvelope<PayloadOf<typeof userSuspended> | PayloadOf<typeof userUnsuspended>>, log: Logger): Promise<void> {
  const suspended = event.type === userSuspended.type;
  const count = await writePosterSuspended(tx, { posterId: event.data.userId, suspended, changedAt: new Date(event.occurredAt) });
  log.info({ posterId: event.data.userId, suspended, count }, 'poster suspension replicated');
}
