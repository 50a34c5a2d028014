import { and, asc, eq, inArray } from 'drizzle-orm';
import { onlyUuids, type Db } from '@sx/runtime';
import { accounts, type AccountRow } from './tables.js';

/** The user accounts (one per currency) of a batch of users, oldest first. */
export async function findUserAccounts(db: Db, ownerIds: readonly string[]): Promise<AccountRow[]> {
  const valid = onlyUuids(ownerIds);
  if (valid.length === 0) return [];
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.kind, 'user'), inArray(accounts.ownerId, valid)))
    .orderBy(asc(accounts.createdAt), asc(accounts.id));
}

export async function findAccountById(db: Pick<Db, 'select'>, id: string): Promise<AccountRow | null> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, id));
  return account ?? null;
}
