import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { onlyUuids } from '@sx/core';
import { accounts, payments, type AccountRow } from './tables.js';

/** A user's account with what their HELD payments as payer keep in escrow in its currency. */
export type WalletAccountRow = AccountRow & { escrowHeldMinor: number };

// In the same statement as the account, so balance and held come from one snapshot: a hold
// commits the debit and its payment together, and a wallet never shows it half. The outer
// columns are qualified by hand: in a select list drizzle writes `${accounts.currency}` as a bare
// "currency", which inside this subquery is the payment's own column (every currency counted).
const escrowHeld = sql<number>`(SELECT COALESCE(sum(p.amount_minor), 0) FROM ${payments} p
  WHERE p.payer_id = ${accounts}.owner_id AND p.currency = ${accounts}.currency AND p.status = 'HELD')`.mapWith(Number);

const walletColumns = { ...getTableColumns(accounts), escrowHeldMinor: escrowHeld };

/** The user accounts (one per currency) of a batch of users, oldest first. */
export async function findUserAccounts(db: Db, ownerIds: readonly string[]): Promise<WalletAccountRow[]> {
  const valid = onlyUuids(ownerIds);
  if (valid.length === 0) return [];
  return db
    .select(walletColumns)
    .from(accounts)
    .where(and(eq(accounts.kind, 'user'), inArray(accounts.ownerId, valid)))
    .orderBy(asc(accounts.createdAt), asc(accounts.id));
}

/** One user account with what escrow holds for it (the wallet a mutation returns). */
export async function findWalletAccountById(db: Db, id: string): Promise<WalletAccountRow | null> {
  const [account] = await db.select(walletColumns).from(accounts).where(and(eq(accounts.id, id), eq(accounts.kind, 'user')));
  return account ?? null;
}

export async function findAccountById(db: Pick<Db, 'select'>, id: string): Promise<AccountRow | null> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, id));
  return account ?? null;
}

/** The currencies a user has a wallet in. */
export async function findUserCurrencies(db: Pick<Db, 'select'>, ownerId: string): Promise<string[]> {
  return (await findUserBalances(db, ownerId)).map((r) => r.currency);
}

/** A user's wallets, one per currency, with their balances as of now (not locked). */
export async function findUserBalances(db: Pick<Db, 'select'>, ownerId: string): Promise<{ currency: string; balanceMinor: number }[]> {
  return db
    .select({ currency: accounts.currency, balanceMinor: accounts.balanceMinor })
    .from(accounts)
    .where(and(eq(accounts.kind, 'user'), eq(accounts.ownerId, ownerId)));
}
