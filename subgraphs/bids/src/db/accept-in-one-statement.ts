import { sql } from 'drizzle-orm';
import { inOutboxSpan, type Actor } from '@sx/events';
import type { Tx } from '@sx/runtime';
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

interface FunctionRow extends Record<string, unknown> {
  outcome: 'accepted' | 'fallback';
  rejected: number;
}

/**
 * The common acceptance (the bid ACCEPTING, the event newer than the replica) in one statement
 * inside the caller's transaction: see drizzle/0004_accept_in_one_statement.sql. The number of
 * other bids it rejected, or null when it wrote nothing and the general way decides.
 */
export async function acceptInOneStatement(tx: Tx, assigned: AssignedBid, cause: { actor: Actor; traceparent: string | null }): Promise<number | null> {
  // The statement writes the events: its span is their producer, as appendEvent's is.
  const result = await inOutboxSpan('bids.bid.accepted', () => {
    const { accepted, rejectedTemplate, channel } = acceptanceEnvelopes(assigned, cause);
    return tx.execute<FunctionRow>(sql`SELECT * FROM bids.accept_assigned_bid(
    ${assigned.bidId}::uuid, ${assigned.taskId}::uuid, ${assigned.posterId}::uuid, ${assigned.assigneeId}::uuid,
    ${assigned.occurredAt}::timestamptz, ${JSON.stringify(accepted)}::jsonb, ${JSON.stringify(rejectedTemplate)}::jsonb, ${channel})`);
  });
  const row = result.rows[0];
  return row?.outcome === 'accepted' ? Number(row.rejected) : null;
}
