import { type escrowDeclined, type EventEnvelope, type PayloadOf, SYSTEM_ACTOR } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { markAcceptFailed } from '../db/acceptance-writes.js';
import { lockBid } from '../db/bid-writes.js';
import { decideDeclined } from '../domain/acceptance-outcome.js';
import { recordAcceptFailed } from '../events/bid-events.js';

/**
 * wallet.escrow.declined: the poster's wallet could not cover the bid. The ACCEPTING bid is
 * PENDING again, carrying the reason for the poster, with bids.bid.accept_failed.
 */
export async function revertDeclinedAcceptance(tx: Tx, event: EventEnvelope<PayloadOf<typeof escrowDeclined>>, log: Logger): Promise<void> {
  const { bidId, taskId, reason } = event.data;
  const locked = await lockBid(tx, bidId, 'update');
  // The decline answers bids' own accept_requested, written after the bid: an unknown or
  // mismatched bid is a bug upstream; retry, then dead-letter where someone will look.
  if (!locked) throw new Error(`wallet declined the hold for bid ${bidId}, which bids does not know`);
  if (locked.bid.taskId !== taskId) throw new Error(`wallet declined bid ${bidId} for task ${taskId}, but the bid is on task ${locked.bid.taskId}`);
  const context = { bidId, taskId, reason, eventId: event.id };
  if (decideDeclined(locked.bid) === 'ignore') {
    log.info({ ...context, status: locked.bid.status }, 'escrow declined for a bid no longer being accepted; nothing to do');
    return;
  }
  const reverted = await markAcceptFailed(tx, { bid: locked.bid, reason, at: new Date(event.occurredAt) });
  await recordAcceptFailed(tx, reverted, reason, { actor: SYSTEM_ACTOR, traceparent: event.traceparent });
  log.info(context, 'escrow declined; the bid is pending again');
}
