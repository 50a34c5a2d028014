import { and, asc, count, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { onlyUuids, type PageRequest } from '@sx/core';
import { disputeMessages, disputes, withdrawals, type DisputeMessageRow, type DisputeRow } from './dispute-tables.js';

/** The latest dispute of each task (open, or the last one decided). */
export async function findLatestDisputes(db: Db, taskIds: readonly string[]): Promise<DisputeRow[]> {
  const valid = onlyUuids(taskIds);
  if (valid.length === 0) return [];
  return db
    .selectDistinctOn([disputes.taskId])
    .from(disputes)
    .where(inArray(disputes.taskId, valid))
    .orderBy(disputes.taskId, desc(disputes.createdAt), desc(disputes.id));
}

export async function findDisputesByIds(db: Db, ids: readonly string[]): Promise<DisputeRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select().from(disputes).where(inArray(disputes.id, valid));
}

/**
 * One page of the open disputes, oldest first (the admins' queue): `page.limit + 1` rows at most.
 * Open disputes are few (each waits for an admin), and `disputes_one_open_per_task` already holds
 * exactly them, so no index of their own.
 */
export async function pageOpenDisputes(db: Db, page: PageRequest): Promise<DisputeRow[]> {
  const after = page.after;
  // The cursor was checked at the edge (resolvers/task-page.ts): an ISO time and a uuid.
  const cursor = after ? sql`(${disputes.createdAt}, ${disputes.id}) > (${after.key}::timestamptz, ${after.id}::uuid)` : undefined;
  return db
    .select()
    .from(disputes)
    .where(and(eq(disputes.status, 'OPEN'), cursor))
    .orderBy(asc(disputes.createdAt), asc(disputes.id))
    .limit(page.limit + 1);
}

/** One page of a dispute's messages, oldest first: `page.limit + 1` rows at most. */
export async function pageDisputeMessages(db: Db, disputeId: string, page: PageRequest): Promise<DisputeMessageRow[]> {
  const after = page.after;
  // The cursor's key is the ISO time of the last message seen (resolvers/task-page.ts checks its form).
  const at = after ? new Date(after.key) : null;
  const cursor =
    after && at ? or(gt(disputeMessages.createdAt, at), and(eq(disputeMessages.createdAt, at), gt(disputeMessages.id, after.id))) : undefined;
  return db
    .select()
    .from(disputeMessages)
    .where(and(eq(disputeMessages.disputeId, disputeId), cursor))
    .orderBy(asc(disputeMessages.createdAt), asc(disputeMessages.id))
    .limit(page.limit + 1);
}

/** How many times each tasker withdrew from a task they were assigned. */
export async function countWithdrawals(db: Db, taskerIds: readonly string[]): Promise<Map<string, number>> {
  const valid = onlyUuids(taskerIds);
  if (valid.length === 0) return new Map();
  const rows = await db
    .select({ taskerId: withdrawals.taskerId, n: count() })
    .from(withdrawals)
    .where(inArray(withdrawals.taskerId, valid))
    .groupBy(withdrawals.taskerId);
  return new Map(rows.map((r) => [r.taskerId, Number(r.n)]));
}
