import {
  appendEvent,
  disputeDismissed,
  disputeMessageAdded,
  disputeOpened,
  disputeResolved,
  taskWithdrawn,
  type Actor,
  type Executor,
} from '@sx/events';
import type { DisputeMessageRow, DisputeRow } from '../db/dispute-tables.js';
import type { Task } from '../db/task-columns.js';
import { outbox } from '../db/tables.js';
import { SERVICE } from './task-events.js';

// Disputes and withdrawal (issue 17), each appended in the transaction that changed the task
// and the dispute, under the task's row lock.

/** A disputed task always has its assignee and payment (it was ASSIGNED or DONE). */
function partiesOf(task: Task, dispute: DisputeRow) {
  if (!task.assigneeId) throw new Error(`task ${task.id} is disputed without an assignee`);
  return { disputeId: dispute.id, taskId: task.id, posterId: task.posterId, assigneeId: task.assigneeId, paymentId: dispute.paymentId };
}

/** Wallet freezes the escrow on this event; notifications tells the other side. */
export function recordDisputeOpened(tx: Executor, task: Task, dispute: DisputeRow, actor: Actor) {
  const data = { ...partiesOf(task, dispute), openedBy: dispute.openedBy, reason: dispute.reason, previousStatus: dispute.previousStatus };
  return appendEvent(tx, outbox, disputeOpened, data, { service: SERVICE, actor });
}

export function recordDisputeMessage(tx: Executor, task: Task, dispute: DisputeRow, message: DisputeMessageRow, actor: Actor) {
  const data = { ...partiesOf(task, dispute), messageId: message.id, authorId: message.authorId };
  return appendEvent(tx, outbox, disputeMessageAdded, data, { service: SERVICE, actor });
}

/** Wallet splits the escrow on this event: refund to the poster, release (minus the fee) to the tasker. */
export function recordDisputeResolved(tx: Executor, task: Task, dispute: DisputeRow, actor: Actor) {
  if (dispute.refundMinor === null || dispute.releaseMinor === null || !dispute.resolvedBy) throw new Error(`dispute ${dispute.id} resolved without its split`);
  const data = {
    ...partiesOf(task, dispute),
    resolvedBy: dispute.resolvedBy,
    refund: { amountMinor: dispute.refundMinor, currency: dispute.currency },
    release: { amountMinor: dispute.releaseMinor, currency: dispute.currency },
  };
  return appendEvent(tx, outbox, disputeResolved, data, { service: SERVICE, actor });
}

/** Wallet unfreezes the escrow: the task is back where it was. */
export function recordDisputeDismissed(tx: Executor, task: Task, dispute: DisputeRow, actor: Actor) {
  if (!dispute.resolvedBy) throw new Error(`dispute ${dispute.id} dismissed by nobody`);
  const data = { ...partiesOf(task, dispute), resolvedBy: dispute.resolvedBy, restoredStatus: task.status };
  return appendEvent(tx, outbox, disputeDismissed, data, { service: SERVICE, actor });
}

/** Wallet refunds the poster; bids marks the accepted bid WITHDRAWN and takes bids on the task again. */
export function recordTaskWithdrawn(tx: Executor, before: Task, actor: Actor) {
  if (!before.assigneeId || !before.bidId || !before.paymentId) throw new Error(`task ${before.id} withdrawn without its assignment`);
  const data = { taskId: before.id, posterId: before.posterId, assigneeId: before.assigneeId, bidId: before.bidId, paymentId: before.paymentId };
  return appendEvent(tx, outbox, taskWithdrawn, data, { service: SERVICE, actor });
}
