import { sql } from 'drizzle-orm';
import { transfers, type TransferRow } from './tables.js';
import type { Tx } from '@sx/runtime';

/** A transfer to append; its id may be chosen beforehand (a send stores it in its key's response first). */
export type NewTransfer = Omit<typeof transfers.$inferInsert, 'id' | 'createdAt'> & { id?: string };

/**
 * Appends a transfer to the ledger. Its time is taken now, after the account locks, not at the
 * start of the transaction: so the history's order is the order the balances changed in.
 */
export async function insertTransfer(tx: Tx, row: NewTransfer): Promise<TransferRow> {
  const [inserted] = await tx
    .insert(transfers)
    .values({ ...row, createdAt: sql`clock_timestamp()` })
    .returning();
  if (!inserted) throw new Error('INSERT … RETURNING gave no transfer');
  return inserted;
}
