import { and, desc, eq, inArray, lt, ne, or, type SQL } from 'drizzle-orm';
import { isUuid, onlyUuids, type TimePageRequest } from '@sx/core';
import type { Db, Tx } from '@sx/runtime';
import type { ShareAmount } from '../domain/expense-split.js';
import { expenses, expenseShares, settlements, type ExpenseRow, type ExpenseShareRow, type SettlementRow } from './tables.js';

type Executor = Db | Tx;

/** A share with how it was settled (null while open). */
export type ShareView = ExpenseShareRow & { settlement: Pick<SettlementRow, 'method' | 'createdAt'> | null };

export type NewExpense = Omit<ExpenseRow, 'id' | 'createdAt'>;

/** The expense and its shares, in split order; the shares sum to the amount (the domain asserted it). */
export async function insertExpense(tx: Tx, expense: NewExpense, shares: readonly ShareAmount[]): Promise<{ expense: ExpenseRow; shares: ExpenseShareRow[] }> {
  const [row] = await tx.insert(expenses).values(expense).returning();
  if (!row) throw new Error('expense was not written');
  const shareRows = await tx
    .insert(expenseShares)
    .values(
      shares.map((s, position) => ({
        expenseId: row.id,
        groupId: row.groupId,
        debtorId: s.userId,
        creditorId: row.payerId,
        amountMinor: s.amountMinor,
        currency: row.currency,
        position,
      })),
    )
    .returning();
  return { expense: row, shares: shareRows.sort((a, b) => a.position - b.position) };
}

export async function findExpensesByIds(db: Executor, ids: readonly string[]): Promise<ExpenseRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select().from(expenses).where(inArray(expenses.id, valid));
}

/** A group's expenses, newest first, keyset-paginated on (created_at, id). */
export async function pageExpenses(db: Executor, groupId: string, page: TimePageRequest): Promise<ExpenseRow[]> {
  const filters: SQL[] = [eq(expenses.groupId, groupId)];
  if (page.after) {
    const { at, id } = page.after;
    const before = or(lt(expenses.createdAt, at), and(eq(expenses.createdAt, at), lt(expenses.id, id)));
    if (before) filters.push(before);
  }
  return db.select().from(expenses).where(and(...filters)).orderBy(desc(expenses.createdAt), desc(expenses.id)).limit(page.limit + 1);
}

/** The shares of many expenses (with their settlements), in split order. */
export async function sharesOfExpenses(db: Executor, expenseIds: readonly string[]): Promise<ShareView[]> {
  const valid = onlyUuids(expenseIds);
  if (valid.length === 0) return [];
  const rows = await db
    .select({ share: expenseShares, method: settlements.method, settledAt: settlements.createdAt })
    .from(expenseShares)
    .leftJoin(settlements, eq(settlements.shareId, expenseShares.id))
    .where(inArray(expenseShares.expenseId, valid))
    .orderBy(expenseShares.position);
  return rows.map((r) => ({ ...r.share, settlement: r.method && r.settledAt ? { method: r.method, createdAt: r.settledAt } : null }));
}

/** A share locked for settling, with its settlement if it has one. */
export async function lockShare(tx: Tx, shareId: string): Promise<ShareView | null> {
  if (!isUuid(shareId)) return null;
  const [share] = await tx.select().from(expenseShares).where(eq(expenseShares.id, shareId)).for('update');
  if (!share) return null;
  const [settled] = await tx.select({ method: settlements.method, createdAt: settlements.createdAt }).from(settlements).where(eq(settlements.shareId, shareId));
  return { ...share, settlement: settled ?? null };
}

export type NewSettlement = Omit<SettlementRow, 'id' | 'createdAt'>;

/** Records a payment between members; null when its wallet transfer was already counted (a redelivery). */
export async function insertSettlement(tx: Tx, settlement: NewSettlement): Promise<SettlementRow | null> {
  const [row] = await tx.insert(settlements).values(settlement).onConflictDoNothing({ target: settlements.walletTransactionId }).returning();
  return row ?? null;
}

/** What moves a group's balances: every share owed to someone else, and every payment between members. */
export async function groupLedger(db: Executor, groupId: string): Promise<{ owed: ExpenseShareRow[]; paid: SettlementRow[] }> {
  const [owed, paid] = await Promise.all([
    db.select().from(expenseShares).where(and(eq(expenseShares.groupId, groupId), ne(expenseShares.debtorId, expenseShares.creditorId))),
    db.select().from(settlements).where(eq(settlements.groupId, groupId)),
  ]);
  return { owed, paid };
}
