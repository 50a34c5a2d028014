import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { accounts } from './tables.js';

/** What escrow holds right now, per currency: the sum of the escrow accounts' balances. */
export async function escrowTotals(db: Db): Promise<{ currency: string; heldMinor: number }[]> {
  return db
    .select({ currency: accounts.currency, heldMinor: sql<number>`sum(${accounts.balanceMinor})::float8` })
    .from(accounts)
    .where(and(eq(accounts.kind, 'escrow'), ne(accounts.balanceMinor, 0)))
    .groupBy(accounts.currency);
}
