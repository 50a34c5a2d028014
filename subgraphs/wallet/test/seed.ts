import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { eventually } from '@sx/testkit';
import { accounts, knownUsers as knownUsersTable, payments, transfers, type AccountRow, type PaymentRow, type TransferRow } from '../src/db/tables.js';

export const newId = (): string => randomUUID();

export async function insertUserAccount(db: Db, row: { ownerId: string; currency?: string; balanceMinor?: number }): Promise<AccountRow> {
  const [account] = await db.insert(accounts).values({ kind: 'user', currency: 'USD', ...row }).returning();
  if (!account) throw new Error('account not inserted');
  return account;
}

/** The platform's owner-less account of a kind and currency, shared by every test file. */
export async function platformAccount(db: Db, kind: 'platform' | 'external', currency: string): Promise<AccountRow> {
  await db.insert(accounts).values({ kind, currency }).onConflictDoNothing();
  const [account] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.kind, kind), isNull(accounts.ownerId), eq(accounts.currency, currency)));
  if (!account) throw new Error(`no ${kind} ${currency} account`);
  return account;
}

export async function insertTransfer(db: Db, row: typeof transfers.$inferInsert): Promise<TransferRow> {
  const [transfer] = await db.insert(transfers).values(row).returning();
  if (!transfer) throw new Error('transfer not inserted');
  return transfer;
}

export type NewPayment = Partial<typeof payments.$inferInsert> & Pick<typeof payments.$inferInsert, 'payerId' | 'payeeId'>;

export async function insertPayment(db: Db, row: NewPayment): Promise<PaymentRow> {
  const [payment] = await db
    .insert(payments)
    .values({ taskId: newId(), bidId: newId(), amountMinor: 2_500, currency: 'USD', ...row })
    .returning();
  if (!payment) throw new Error('payment not inserted');
  return payment;
}

/** Runs `work` in a transaction that is always rolled back: rows that break the books never stay. */
export { rolledBack } from '@sx/testkit';

/** Users wallet knows (as if their sign-up event had arrived), for tests about something else. */
export async function knownUser(db: Db): Promise<string> {
  const userId = randomUUID();
  await db.insert(knownUsersTable).values({ userId });
  return userId;
}

/** Polls until wallet has consumed the user's sign-up event. */
export async function untilKnownToWallet(db: Db, userId: string): Promise<void> {
  await eventually(
    () => db.select().from(knownUsersTable).where(eq(knownUsersTable.userId, userId)),
    (rows) => rows.length === 1,
    { what: `wallet knows user ${userId}` },
  );
}
