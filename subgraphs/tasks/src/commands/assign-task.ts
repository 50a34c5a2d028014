import { type escrowHeld, type EventEnvelope, type PayloadOf, type StepContext, type StepOutcome, SYSTEM_ACTOR } from '@sx/events';
import type { Logger, Queryable, Tx } from '@sx/runtime';
import { assignClaimingInbox, assignInOneStatement, type HeldAssignment } from '../db/assign-in-one-statement.js';
import { wasWithdrawn } from '../db/dispute-writes.js';
import { writeTaskStatus } from '../db/task-status-writes.js';
import { lockTask } from '../db/task-writes.js';
import { decideAssignment } from '../domain/task-assignment.js';
import { recordAssignmentRefused, recordTaskAssigned } from '../events/task-saga-events.js';

type EscrowHeldEvent = EventEnvelope<PayloadOf<typeof escrowHeld>>;

/**
 * The tasks saga hop in one autocommit statement (the consumer's `step`): the inbox row and the
 * common assignment together. 'fallback' (raised by the function after undoing its claim) sends
 * the event to `assignTask` in a transaction with the inbox row, as before.
 */
export async function assignTaskStep(db: Queryable, event: EscrowHeldEvent, { consumer, log }: StepContext): Promise<StepOutcome> {
  const cause = { actor: SYSTEM_ACTOR, traceparent: event.traceparent };
  if ((await assignClaimingInbox(db, { consumer, eventId: event.id }, heldAssignmentOf(event), cause)) === 'duplicate') return 'duplicate';
  logAssigned(event, log);
  return 'handled';
}

function heldAssignmentOf({ data: held }: EscrowHeldEvent): HeldAssignment {
  return {
    taskId: held.taskId,
    payerId: held.payerId,
    assigneeId: held.payeeId,
    bidId: held.bidId,
    paymentId: held.paymentId,
    escrowAmountMinor: held.amount.amountMinor,
    escrowCurrency: held.amount.currency,
  };
}

function logAssigned({ id, data: held }: EscrowHeldEvent, log: Logger): void {
  log.info({ taskId: held.taskId, paymentId: held.paymentId, bidId: held.bidId, eventId: id, assigneeId: held.payeeId }, 'task assigned');
}

/**
 * wallet.escrow.held: the accepted bid's money is in escrow, so the task becomes the bidder's —
 * or, when the task moved on meanwhile (cancelled, assigned through another payment),
 * tasks.task.assignment_refused asks wallet to refund. Runs in the consumer's transaction with
 * the inbox row; the task's row lock orders it against a concurrent cancelTask.
 */
export async function assignTask(tx: Tx, event: EscrowHeldEvent, log: Logger): Promise<void> {
  const held = event.data;
  const cause = { actor: SYSTEM_ACTOR, traceparent: event.traceparent };
  const heldAssignment = heldAssignmentOf(event);
  const { taskId: _task, payerId: _payer, ...assignment } = heldAssignment;
  // The common case in one round trip (was five); anything else is decided below, as before.
  if (await assignInOneStatement(tx, heldAssignment, cause)) {
    logAssigned(event, log);
    return;
  }
  const task = await lockTask(tx, held.taskId);
  // bids only accepts bids on tasks it learnt of from tasks' own events, so this is a bug or a
  // lost row: retry, then dead-letter where someone will look, rather than refund silently.
  if (!task) throw new Error(`escrow ${held.paymentId} was held for task ${held.taskId}, which does not exist`);
  const context = { taskId: task.id, paymentId: held.paymentId, bidId: held.bidId, eventId: event.id };
  // The assignee withdrew from this payment's assignment and its hold was refunded: a
  // redelivered hold must not assign the reopened task again.
  if (await wasWithdrawn(tx, held.paymentId)) {
    log.info(context, 'escrow hold belongs to a withdrawn assignment; nothing to do');
    return;
  }
  const decision = decideAssignment(task, held);
  if (decision === 'already') {
    log.info(context, 'escrow hold already assigned this task; nothing to do');
    return;
  }
  if (decision === 'refuse') {
    await recordAssignmentRefused(tx, task, held, cause);
    log.info({ ...context, status: task.status }, 'task no longer open; assignment refused, escrow to be refunded');
    return;
  }
  const assigned = await writeTaskStatus(tx, { task, to: 'ASSIGNED', assignment });
  await recordTaskAssigned(tx, assigned, cause);
  log.info({ ...context, assigneeId: held.payeeId }, 'task assigned');
}
