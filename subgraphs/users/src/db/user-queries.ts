import { asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { onlyUuids, type Role } from '@sx/core';
import { users, type UserRecord, type UserRow } from './tables.js';
import type { Queryable } from '@sx/runtime';

/** Every column but the password hash. */
export const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  roles: users.roles,
  bio: users.bio,
  skills: users.skills,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  suspendedAt: users.suspendedAt,
  suspensionReason: users.suspensionReason,
};

/** One statement for a whole batch of ids (the DataLoader's batch function). */
export async function findUsersByIds(db: Queryable, ids: readonly string[]): Promise<UserRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select(publicColumns).from(users).where(inArray(users.id, valid));
}

/** Account ids in id order after `after` (the primary key's own order: an index range scan). */
export async function pageAccountIds(db: Queryable, page: { after: string | null; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(page.after ? gt(users.id, page.after) : undefined)
    .orderBy(asc(users.id))
    .limit(page.limit);
  return rows.map((row) => row.id);
}

/** The only read of a password hash: sign-in. `email` is already normalized. */
export async function findCredentialsByEmail(db: Queryable, email: string): Promise<UserRecord | null> {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1);
  return rows[0] ?? null;
}

export async function insertUser(
  db: Queryable,
  args: { email: string; passwordHash: string; name: string; roles: Role[] },
): Promise<UserRow> {
  const rows = await db.insert(users).values(args).returning(publicColumns);
  const row = rows[0];
  if (!row) throw new Error('insert into users returned no row');
  return row;
}

export async function updateUserProfile(
  db: Queryable,
  args: { id: string; changes: { name?: string; bio?: string | null; skills?: string[] } },
): Promise<UserRow | null> {
  const rows = await db
    .update(users)
    .set({ ...args.changes, updatedAt: sql`now()` })
    .where(eq(users.id, args.id))
    .returning(publicColumns);
  return rows[0] ?? null;
}
