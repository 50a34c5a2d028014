import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@sx/runtime';
import type { TimePageRequest } from '@sx/core';
import type { TransferSide } from '../domain/transaction-kind.js';
import { accounts, transfers, type TransferRow } from './tables.js';

/** A transfer as one account's history shows it. */
export interface AccountEntry {
  transfer: TransferRow;
  side: TransferSide;
  /** Owner of the account at the other end; null for the platform's accounts. */
  counterpartyId: string | null;
}

function entriesOf(db: Db, accountId: string) {
  const other = alias(accounts, 'other');
  return db
    .select({ transfer: transfers, counterpartyId: other.ownerId })
    .from(transfers)
    .innerJoin(
      other,
      sql`${other.id} = CASE WHEN ${transfers.debitAccountId} = ${accountId} THEN ${transfers.creditAccountId} ELSE ${transfers.debitAccountId} END`,
    )
    .$dynamic();
}

function toEntry(accountId: string, r: { transfer: TransferRow; counterpartyId: string | null }): AccountEntry {
  return { transfer: r.transfer, side: r.transfer.debitAccountId === accountId ? 'debit' : 'credit', counterpartyId: r.counterpartyId };
}

/** One transfer as `accountId`'s history shows it; null when the account is not one of its ends. */
export async function findAccountEntry(db: Db, opts: { accountId: string; transferId: string }): Promise<AccountEntry | null> {
  const { accountId, transferId } = opts;
  const [row] = await entriesOf(db, accountId).where(
    and(eq(transfers.id, transferId), or(eq(transfers.debitAccountId, accountId), eq(transfers.creditAccountId, accountId))),
  );
  return row ? toEntry(accountId, row) : null;
}

/**
 * One account's transfers, newest first, keyset-paginated on (created_at, id), with the owner
 * of the other account joined in (limit + 1 rows).
 */
export async function pageAccountEntries(db: Db, opts: { accountId: string; page: TimePageRequest }): Promise<AccountEntry[]> {
  const { accountId, page } = opts;
  const after = page.after;
  const rows = await entriesOf(db, accountId)
    .where(
      and(
        or(eq(transfers.debitAccountId, accountId), eq(transfers.creditAccountId, accountId)),
        after ? or(lt(transfers.createdAt, after.at), and(eq(transfers.createdAt, after.at), lt(transfers.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(transfers.createdAt), desc(transfers.id))
    .limit(page.limit + 1);
  return rows.map((r) => toEntry(accountId, r));
}

export async function findTransfer(db: Pick<Db, 'select'>, id: string): Promise<TransferRow | null> {
  const [transfer] = await db.select().from(transfers).where(eq(transfers.id, id));
  return transfer ?? null;
}
