import { sql, type SQL } from 'drizzle-orm';
import { inOutboxSpan, type Actor } from '@sx/events';
import type { Queryable, Tx } from '@sx/runtime';
import { acceptanceEnvelopes } from '../events/bid-events.js';

/** tasks.task.assigned as the function takes it. */
export interface AssignedBid {
  bidId: string;
  taskId: string;
  posterId: string;
  assigneeId: string;
  paymentId: string;
  occurredAt: string;
}

/** Who the acceptance's events are by, and the trace they continue. */
export interface AcceptanceCause {
  actor: Actor;
  traceparent: string | null;
}

interface FunctionRow extends Record<string, unknown> {
  outcome: 'accepted' | 'fallback' | 'duplicate';
  rejected: number;
}

/**
 * The common acceptance (the bid ACCEPTING, the event newer than the replica) in one statement
 * inside the caller's transaction: see drizzle/0004_accept_in_one_statement.sql. The number of
 * other bids it rejected, or null when it wrote nothing and the general way decides.
 */
export async function acceptInOneStatement(tx: Tx, assigned: AssignedBid, cause: AcceptanceCause): Promise<number | null> {
  // The statement writes the events: its span is their producer, as appendEvent's is.
  const result = await inOutboxSpan('bids.bid.accepted', () => tx.execute<FunctionRow>(sql`SELECT * FROM bids.accept_assigned_bid(${acceptArguments(assigned, cause)})`));
  const row = result.rows[0];
  return row?.outcome === 'accepted' ? Number(row.rejected) : null;
}

/**
 * The same acceptance as one autocommit statement that also claims the task.assigned event's
 * inbox row for `consumer` (drizzle/0005_accept_claims_its_inbox_row.sql): the number of other
 * bids rejected, or 'duplicate' when the inbox had the event. When the general way must decide,
 * the function raises SXF01 (STEP_FALLBACK_SQLSTATE), which undoes the claim and the locks.
 */
export async function acceptClaimingInbox(db: Queryable, inbox: { consumer: string; eventId: string }, assigned: AssignedBid, cause: AcceptanceCause): Promise<number | 'duplicate'> {
  const result = await inOutboxSpan('bids.bid.accepted', () =>
    db.execute<FunctionRow>(sql`SELECT * FROM bids.accept_assigned_bid_once(${inbox.consumer}, ${inbox.eventId}::uuid, ${acceptArguments(assigned, cause)})`),
  );
  const row = result.rows[0];
  return row?.outcome === 'accepted' ? Number(row.rejected) : 'duplicate';
}

/** The acceptance function's arguments, its events built and validated here. */
function acceptArguments(assigned: AssignedBid, cause: AcceptanceCause): SQL {
  const { accepted, rejectedTemplate, channel } = acceptanceEnvelopes(assigned, cause);
  return sql`${assigned.bidId}::uuid, ${assigned.taskId}::uuid, ${assigned.posterId}::uuid, ${assigned.assigneeId}::uuid,
    ${assigned.occurredAt}::timestamptz, ${JSON.stringify(accepted)}::jsonb, ${JSON.stringify(rejectedTemplate)}::jsonb, ${channel}`;
}
