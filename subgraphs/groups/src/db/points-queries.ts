import { and, desc, eq, gte, isNotNull, sql, sum } from 'drizzle-orm';
import type { Db, Tx } from '@sx/runtime';
import { pointTransfers } from './tables.js';

type Executor = Db | Tx;

/**
 * Credits a member with a task's reward, debiting the group's issuing account (from_user_id NULL).
 * At most once per task: a redelivered or replayed completion inserts nothing. Returns whether
 * this call awarded the points.
 */
export async function awardTaskPoints(tx: Tx, award: { groupId: string; taskId: string; userId: string; points: number }): Promise<boolean> {
  const rows = await tx
    .insert(pointTransfers)
    .values({ groupId: award.groupId, taskId: award.taskId, fromUserId: null, toUserId: award.userId, points: award.points })
    .onConflictDoNothing({ target: pointTransfers.taskId })
    .returning({ id: pointTransfers.id });
  return rows.length > 0;
}

/** Points each member received since `from` (all time when null), most first. */
export async function pointsSince(db: Executor, groupId: string, from: Date | null): Promise<{ userId: string; points: number }[]> {
  const total = sum(pointTransfers.points).mapWith(Number);
  const filters = [eq(pointTransfers.groupId, groupId), isNotNull(pointTransfers.toUserId)];
  if (from) filters.push(gte(pointTransfers.createdAt, from));
  const rows = await db
    .select({ userId: pointTransfers.toUserId, points: total })
    .from(pointTransfers)
    .where(and(...filters))
    .groupBy(pointTransfers.toUserId)
    .orderBy(desc(total), sql`${pointTransfers.toUserId}`);
  return rows.map((r) => ({ userId: r.userId, points: r.points ?? 0 }));
}
