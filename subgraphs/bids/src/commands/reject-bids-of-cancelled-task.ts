import { type EventEnvelope, type PayloadOf, SYSTEM_ACTOR, type taskCancelled } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { rejectUndecidedBids } from '../db/bid-writes.js';
import type { TaskChange } from '../domain/task-replica.js';
import { recordBidRejected } from '../events/bid-events.js';
import { applyTaskChange } from './task-replica-change.js';

/**
 * The task was cancelled: its bids still waiting for a decision can no longer win, so they
 * become REJECTED here, in the consumer's transaction, each with its bids.bid.rejected event.
 * That includes an ACCEPTING bid: should wallet hold its escrow anyway, tasks answers with
 * tasks.task.assignment_refused and wallet refunds it.
 */
export async function rejectBidsOfCancelledTask(tx: Tx, event: EventEnvelope<PayloadOf<typeof taskCancelled>>, log: Logger): Promise<void> {
  const { taskId, posterId } = event.data;
  const change: TaskChange = { kind: 'cancelled', occurredAt: new Date(event.occurredAt), taskId, posterId };
  const replica = await applyTaskChange(tx, change, event, log);
  if (replica?.status !== 'CANCELLED') return;
  const rejected = await rejectUndecidedBids(tx, taskId);
  for (const bid of rejected) {
    await recordBidRejected(tx, bid, 'TASK_CANCELLED', { actor: SYSTEM_ACTOR, traceparent: event.traceparent });
  }
  log.info({ taskId, eventId: event.id, rejected: rejected.length }, 'task cancelled; its undecided bids were rejected');
}
