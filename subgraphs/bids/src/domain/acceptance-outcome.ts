import type { BidStatus } from './bid-status.js';
import type { TaskStatus } from './task-replica.js';

/** What settling a bid needs to know of it (read under its row lock). */
export interface SettlingBid {
  id: string;
  taskId: string;
  taskerId: string;
  status: BidStatus;
}

/**
 * What tasks.task.assigned does to the bid it names.
 * accept: the bid was ACCEPTING; it becomes ACCEPTED and the task's other bids are rejected.
 * already: the bid is ACCEPTED (a second assigned event); nothing to do.
 * stale: the bid was rejected because the task's cancellation (which came after the
 *   assignment) reached bids first; the cancellation has settled it, nothing to do.
 * Anything else cannot follow from the saga (one hold per bid, a bid cannot leave ACCEPTING
 * but through the saga) and is a bug upstream: it throws, so the event is retried and then
 * dead-lettered where someone will look.
 */
export type AssignedEffect = 'accept' | 'already' | 'stale';

export function decideAssigned(bid: SettlingBid, assigned: { taskId: string; assigneeId: string }, taskStatus: TaskStatus | null): AssignedEffect {
  if (bid.taskId !== assigned.taskId || bid.taskerId !== assigned.assigneeId) {
    throw new Error(`task ${assigned.taskId} was assigned to ${assigned.assigneeId} through bid ${bid.id}, which is ${bid.taskerId}'s bid on task ${bid.taskId}`);
  }
  if (bid.status === 'ACCEPTING') return 'accept';
  if (bid.status === 'ACCEPTED') return 'already';
  if (bid.status === 'REJECTED' && taskStatus === 'CANCELLED') return 'stale';
  throw new Error(`task ${assigned.taskId} was assigned through bid ${bid.id}, which is ${bid.status}`);
}

/**
 * What wallet.escrow.declined does to the bid it names.
 * revert: the bid was ACCEPTING; it is PENDING again and carries the reason.
 * ignore: the bid moved on meanwhile (rejected because its task was cancelled while the hold
 *   was being decided); there is nothing to put back.
 */
export type DeclinedEffect = 'revert' | 'ignore';

export function decideDeclined(bid: SettlingBid): DeclinedEffect {
  return bid.status === 'ACCEPTING' ? 'revert' : 'ignore';
}
