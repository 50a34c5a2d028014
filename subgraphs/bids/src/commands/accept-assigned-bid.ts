import { type EventEnvelope, type PayloadOf, type StepContext, type StepOutcome, SYSTEM_ACTOR, type taskAssigned } from '@sx/events';
import type { Logger, Queryable, Tx } from '@sx/runtime';
import { acceptClaimingInbox, acceptInOneStatement } from '../db/accept-in-one-statement.js';
import { markBidAccepted } from '../db/acceptance-writes.js';
import { lockBid, rejectUndecidedBids } from '../db/bid-writes.js';
import { decideAssigned } from '../domain/acceptance-outcome.js';
import { recordBidAccepted, recordBidRejected } from '../events/bid-events.js';
import { applyTaskChange } from './task-replica-change.js';

type TaskAssignedEvent = EventEnvelope<PayloadOf<typeof taskAssigned>>;

/**
 * The bids saga hop in one autocommit statement (the consumer's `step`): the inbox row and the
 * common acceptance together. 'fallback' (raised by the function after undoing its claim) sends
 * the event to `acceptAssignedBid` in a transaction with the inbox row, as before.
 */
export async function acceptAssignedBidStep(db: Queryable, event: TaskAssignedEvent, { consumer, log }: StepContext): Promise<StepOutcome> {
  const cause = { actor: SYSTEM_ACTOR, traceparent: event.traceparent };
  const rejected = await acceptClaimingInbox(db, { consumer, eventId: event.id }, { ...event.data, occurredAt: event.occurredAt }, cause);
  if (rejected === 'duplicate') return 'duplicate';
  logAccepted(event, rejected, log);
  return 'handled';
}

function logAccepted({ id, data }: TaskAssignedEvent, rejected: number, log: Logger): void {
  log.info({ taskId: data.taskId, bidId: data.bidId, paymentId: data.paymentId, eventId: id, rejected }, 'bid accepted; the task’s other bids were rejected');
}

/**
 * tasks.task.assigned: the escrow is held and the task is the bidder's. The bid becomes
 * ACCEPTED, every other bid of the task still waiting is REJECTED (OTHER_BID_ACCEPTED), and
 * the replica says ASSIGNED — in the consumer's transaction, with the inbox row.
 */
export async function acceptAssignedBid(tx: Tx, event: TaskAssignedEvent, log: Logger): Promise<void> {
  const { taskId, posterId, bidId, paymentId } = event.data;
  const context = { taskId, bidId, paymentId, eventId: event.id };
  const cause = { actor: SYSTEM_ACTOR, traceparent: event.traceparent };
  // The common case in one round trip (was ten, two more per rejected bid); the rest below.
  const rejectedInOne = await acceptInOneStatement(tx, { ...event.data, occurredAt: event.occurredAt }, cause);
  if (rejectedInOne !== null) {
    logAccepted(event, rejectedInOne, log);
    return;
  }
  // Replica row first, then the bid: the same lock order as every other writer.
  const locked = await lockBid(tx, bidId, 'update');
  // bids wrote the bid before asking for the hold, so an unknown bid means this event overtook
  // something (or a bug): throw, so it is retried and, failing that, dead-lettered.
  if (!locked) throw new Error(`task ${taskId} was assigned through bid ${bidId}, which bids does not know`);
  const effect = decideAssigned(locked.bid, event.data, locked.task?.status ?? null);
  await applyTaskChange(tx, { kind: 'status', occurredAt: new Date(event.occurredAt), taskId, posterId, status: 'ASSIGNED' }, event, log);
  if (effect !== 'accept') {
    log.info({ ...context, effect, status: locked.bid.status }, 'assignment already settled for this bid; nothing to do');
    return;
  }
  const accepted = await markBidAccepted(tx, locked.bid);
  await recordBidAccepted(tx, accepted, paymentId, cause);
  const rejected = await rejectUndecidedBids(tx, taskId, bidId);
  for (const bid of rejected) await recordBidRejected(tx, bid, 'OTHER_BID_ACCEPTED', cause);
  log.info({ ...context, rejected: rejected.length }, 'bid accepted; the task’s other bids were rejected');
}
