import { sql, type SQL } from 'drizzle-orm';
import { inOutboxSpan } from '@sx/events';
import type { Queryable, Tx } from '@sx/runtime';
import { taskAssignedEnvelope, type EventCause } from '../events/task-saga-events.js';
import type { Assignment } from './task-status-writes.js';

/** The hold that asks for the assignment, as the function takes it. */
export interface HeldAssignment extends Assignment {
  taskId: string;
  /** Who paid: must be the task's poster, else the general way throws. */
  payerId: string;
}

/**
 * The common assignment (the task OPEN, paid for by its poster, never withdrawn from this
 * payment) in one statement inside the caller's transaction: see
 * drizzle/0007_assign_in_one_statement.sql. False when it wrote nothing and the general way
 * decides (the task is then locked by this transaction already).
 */
export async function assignInOneStatement(tx: Tx, held: HeldAssignment, cause: EventCause): Promise<boolean> {
  // The statement writes the event: its span is the event's producer, as appendEvent's is.
  const result = await inOutboxSpan('tasks.task.assigned', () => tx.execute<{ outcome: string }>(sql`SELECT tasks.assign_task_of_held_escrow(${assignArguments(held, cause)}) AS outcome`));
  return result.rows[0]?.outcome === 'assigned';
}

/**
 * The same assignment as one autocommit statement that also claims the escrow.held event's
 * inbox row for `consumer` (drizzle/0008_assign_claims_its_inbox_row.sql): 'duplicate' when the
 * inbox had it. When the general way must decide, the function raises SXF01
 * (STEP_FALLBACK_SQLSTATE), which undoes the claim and the task's lock.
 */
export async function assignClaimingInbox(db: Queryable, inbox: { consumer: string; eventId: string }, held: HeldAssignment, cause: EventCause): Promise<'assigned' | 'duplicate'> {
  const result = await inOutboxSpan('tasks.task.assigned', () =>
    db.execute<{ outcome: string }>(sql`SELECT tasks.assign_task_of_held_escrow_once(${inbox.consumer}, ${inbox.eventId}::uuid, ${assignArguments(held, cause)}) AS outcome`),
  );
  return result.rows[0]?.outcome === 'assigned' ? 'assigned' : 'duplicate';
}

/** The assignment function's arguments, its event built and validated here. */
function assignArguments(held: HeldAssignment, cause: EventCause): SQL {
  const data = { taskId: held.taskId, posterId: held.payerId, assigneeId: held.assigneeId, bidId: held.bidId, paymentId: held.paymentId };
  const { event, aggregateId, channel } = taskAssignedEnvelope(data, cause);
  return sql`${held.taskId}::uuid, ${held.payerId}::uuid, ${held.assigneeId}::uuid, ${held.bidId}::uuid, ${held.paymentId}::uuid,
    ${held.escrowAmountMinor}::bigint, ${held.escrowCurrency}, ${JSON.stringify(event)}::jsonb, ${aggregateId}, ${channel}`;
}
