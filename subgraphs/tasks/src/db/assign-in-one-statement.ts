import { sql } from 'drizzle-orm';
import { inOutboxSpan } from '@sx/events';
import type { Tx } from '@sx/runtime';
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
  const data = { taskId: held.taskId, posterId: held.payerId, assigneeId: held.assigneeId, bidId: held.bidId, paymentId: held.paymentId };
  // The statement writes the event: its span is the event's producer, as appendEvent's is.
  const result = await inOutboxSpan('tasks.task.assigned', () => {
    const { event, aggregateId, channel } = taskAssignedEnvelope(data, cause);
    return tx.execute<{ outcome: string }>(sql`SELECT tasks.assign_task_of_held_escrow(
    ${held.taskId}::uuid, ${held.payerId}::uuid, ${held.assigneeId}::uuid, ${held.bidId}::uuid, ${held.paymentId}::uuid,
    ${held.escrowAmountMinor}::bigint, ${held.escrowCurrency}, ${JSON.stringify(event)}::jsonb, ${aggregateId}, ${channel}) AS outcome`);
  });
  return result.rows[0]?.outcome === 'assigned';
}
