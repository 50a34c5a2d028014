import { type EventEnvelope, type PayloadOf, SYSTEM_ACTOR, type taskWithdrawn } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { lockBid, writeBidStatus } from '../db/bid-writes.js';
import { recordBidWithdrawn } from '../events/bid-events.js';
import { applyTaskChange } from './task-replica-change.js';

/**
 * tasks.task.withdrawn: the assignee gave the task back. The replica is OPEN again (new bids and
 * a new accept are possible), the accepted bid becomes WITHDRAWN with its bids.bid.withdrawn,
 * and the bids rejected when the task was assigned stay rejected. Runs in the consumer's
 * transaction; a redelivery finds the bid already WITHDRAWN and changes nothing.
 */
export async function reopenWithdrawnTask(tx: Tx, event: EventEnvelope<PayloadOf<typeof taskWithdrawn>>, log: Logger): Promise<void> {
  const { taskId, posterId, bidId } = event.data;
  await applyTaskChange(tx, { kind: 'status', occurredAt: new Date(event.occurredAt), taskId, posterId, status: 'OPEN' }, event, log);
  const locked = await lockBid(tx, bidId.toLowerCase(), 'update');
  if (!locked) throw new Error(`tasks.task.withdrawn names bid ${bidId}, which bids does not have`);
  if (locked.bid.status !== 'ACCEPTED') {
    log.info({ taskId, bidId, status: locked.bid.status, eventId: event.id }, 'withdrawn bid already settled; nothing to do');
    return;
  }
  const withdrawn = await writeBidStatus(tx, locked.bid, 'WITHDRAWN');
  await recordBidWithdrawn(tx, withdrawn, SYSTEM_ACTOR);
  log.info({ taskId, bidId, eventId: event.id }, 'assignee withdrew: accepted bid WITHDRAWN, task open for bids again');
}
