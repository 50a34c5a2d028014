import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { transfers, type TransferRow } from './tables.js';
import type { Tx } from '@sx/runtime';

/** A transfer to append; its id may be chosen beforehand (a send stores it in its key's response first). */
export type NewTransfer = Omit<typeof transfers.$inferInsert, 'id' | 'createdAt'> & { id?: string };

const COLUMNS = [
  'id',
  'kind',
  'debitAccountId',
  'creditAccountId',
  'amountMinor',
  'currency',
  'reference',
  'debitBalanceAfterMinor',
  'creditBalanceAfterMinor',
  'note',
  'paymentId',
  'taskId',
] as const;

const placeholders = Object.fromEntries(COLUMNS.map((c) => [c, sql.placeholder(c)])) as Record<(typeof COLUMNS)[number], ReturnType<typeof sql.placeholder>>;

/**
 * Appends a transfer to the ledger, through one named statement (parsed and planned once per
 * connection). Its time is taken now, after the account locks, not at the start of the
 * transaction: so the history's order is the order the balances changed in.
 */
export async function insertTransfer(tx: Tx, row: NewTransfer): Promise<TransferRow> {
  const [inserted] = await tx
    .insert(transfers)
    .values({ ...placeholders, createdAt: sql`clock_timestamp()` })
    .returning()
    .prepare('wallet_insert_transfer')
    .execute({ ...Object.fromEntries(COLUMNS.map((c) => [c, row[c] ?? null])), id: row.id ?? randomUUID() });
  if (!inserted) throw new Error('INSERT … RETURNING gave no transfer');
  return inserted;
}
