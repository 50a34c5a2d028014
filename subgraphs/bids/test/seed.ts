import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { createDb, createPool, type Db } from '@sx/runtime';
import { stackInfo } from '@sx/testkit';
import { bids, type BidRow } from '../src/db/tables.js';

/**
 * Direct access to the run's bids table. placeBid does not exist yet, so tests that need bids
 * write them here; once it does, tests should place bids through the API instead.
 */
export function openBidsDb(): { db: Db; close: () => Promise<void> } {
  const pool = createPool({ url: stackInfo().databaseUrl, max: 2 });
  return { db: createDb(pool), close: () => pool.end() };
}

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

export const newId = (): string => randomUUID();
