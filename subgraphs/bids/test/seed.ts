import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { bids, taskReplica, type BidRow } from '../src/db/tables.js';

export type NewBid = Partial<typeof bids.$inferInsert> & Pick<typeof bids.$inferInsert, 'taskId' | 'taskerId'>;

export async function insertBids(db: Db, rows: NewBid[]): Promise<BidRow[]> {
  return db
    .insert(bids)
    .values(rows.map((r) => ({ amountMinor: 5_000, currency: 'USD', message: 'I can do this tomorrow.', ...r })))
    .returning();
}

export async function deleteBids(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.delete(bids).where(inArray(bids.id, ids));
}

export type NewReplica = Partial<typeof taskReplica.$inferInsert> & Pick<typeof taskReplica.$inferInsert, 'posterId'>;

/** A task as the replica would hold it after its posted event: OPEN, 80.00 EUR, no deadline. */
export async function insertReplica(db: Db, row: NewReplica): Promise<string> {
  const taskId = row.taskId ?? newId();
  await db.insert(taskReplica).values({ status: 'OPEN', budgetMinor: 8_000, currency: 'EUR', lastEventAt: new Date(), ...row, taskId });
  return taskId;
}

export async function deleteReplicas(db: Db, taskIds: string[]): Promise<void> {
  if (taskIds.length > 0) await db.delete(taskReplica).where(inArray(taskReplica.taskId, taskIds));
}

/** Everything bids stores about one task: its bids and the outbox events about them. */
export async function taskState(db: Db, taskId: string): Promise<{ bids: BidRow[]; events: { type: string; data: Record<string, unknown> }[] }> {
  const rows = await db.select().from(bids).where(sql`${bids.taskId} = ${taskId}`).orderBy(bids.createdAt, bids.id);
  const events = await db.execute<{ type: string; data: Record<string, unknown> }>(
    sql`SELECT type, envelope->'data' AS data FROM bids.outbox WHERE envelope->'data'->>'taskId' = ${taskId} ORDER BY seq`,
  );
  return { bids: rows, events: events.rows };
}

export const newId = (): string => randomUUID();
