import { and, asc, desc, eq, exists, getTableColumns, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { isUuid, onlyUuids, type TimeCursor, type TimePageRequest } from '@sx/core';
import { ACTIVE_BID_STATUSES } from '../domain/bid-status.js';
import { bids, taskReplica, type BidRow } from './tables.js';

/** A bid with the poster of its task (null while the replica does not know the task). */
export type BidWithPoster = BidRow & { posterId: string | null };

/** Bids by id, each with its task's poster for the visibility rule: one statement. */
export async function findBidsByIds(db: Db, ids: readonly string[]): Promise<BidWithPoster[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db
    .select({ ...getTableColumns(bids), posterId: taskReplica.posterId })
    .from(bids)
    .leftJoin(taskReplica, eq(taskReplica.taskId, bids.taskId))
    .where(inArray(bids.id, valid));
}

export interface BidCountRow {
  taskId: string;
  count: number;
}

/** Standing bids per task: one GROUP BY for a whole batch of tasks. */
export async function activeBidCounts(db: Db, taskIds: readonly string[]): Promise<BidCountRow[]> {
  const valid = onlyUuids(taskIds);
  if (valid.length === 0) return [];
  return db
    .select({ taskId: bids.taskId, count: sql<number>`count(*)::int` })
    .from(bids)
    .where(and(inArray(bids.taskId, valid), inArray(bids.status, [...ACTIVE_BID_STATUSES])))
    .groupBy(bids.taskId);
}

/** Rows strictly after the cursor in newest-first (created_at, id) order. */
function afterCursor(after: TimeCursor | null): SQL | undefined {
  if (!after) return undefined;
  return or(lt(bids.createdAt, after.at), and(eq(bids.createdAt, after.at), lt(bids.id, after.id)));
}

/** Bids `viewerId` may see: their own, and every bid on a task the replica says they posted. */
function visibleTo(db: Db, viewerId: string): SQL | undefined {
  const posted = db
    .select({ one: sql`1` })
    .from(taskReplica)
    .where(and(eq(taskReplica.taskId, bids.taskId), eq(taskReplica.posterId, viewerId)));
  return or(eq(bids.taskerId, viewerId), exists(posted));
}

/**
 * One page (limit + 1 rows) of each task's bids, for a batch of tasks in one statement:
 * row_number() ranks each task's bids newest first and keeps the first limit + 1.
 * `viewerId` narrows every task to the bids that viewer may see (null: all bids).
 */
export async function pageBidsOfTasks(
  db: Db,
  opts: { taskIds: readonly string[]; viewerId: string | null; page: TimePageRequest },
): Promise<BidRow[]> {
  const valid = onlyUuids(opts.taskIds);
  if (valid.length === 0 || (opts.viewerId !== null && !isUuid(opts.viewerId))) return [];
  const filters: (SQL | undefined)[] = [inArray(bids.taskId, valid), afterCursor(opts.page.after)];
  if (opts.viewerId) filters.push(visibleTo(db, opts.viewerId));
  const ranked = db
    .select({
      ...getTableColumns(bids),
      rank: sql<number>`row_number() over (partition by ${bids.taskId} order by ${bids.createdAt} desc, ${bids.id} desc)`.as('rank'),
    })
    .from(bids)
    .where(and(...filters))
    .as('ranked');
  const rows = await db
    .select()
    .from(ranked)
    .where(lte(ranked.rank, opts.page.limit + 1))
    .orderBy(asc(ranked.taskId), desc(ranked.createdAt), desc(ranked.id));
  return rows.map(({ rank: _rank, ...row }) => row);
}

/** One tasker's bids on all tasks, newest first, keyset-paginated on (created_at, id). */
export async function pageBidsOfTasker(db: Db, opts: { taskerId: string; page: TimePageRequest }): Promise<BidRow[]> {
  if (!isUuid(opts.taskerId)) return [];
  return db
    .select()
    .from(bids)
    .where(and(eq(bids.taskerId, opts.taskerId), afterCursor(opts.page.after)))
    .orderBy(desc(bids.createdAt), desc(bids.id))
    .limit(opts.page.limit + 1);
}
