import { and, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PageRequest, Role } from '@sx/core';
import type { Queryable } from '@sx/runtime';
import { users, type UserRow } from './tables.js';
import { publicColumns } from './user-queries.js';

/**
 * The user's row, locked until the transaction ends: a suspension and a sign-in of one account
 * take turns on it, so no session is issued after the suspension that revoked the others.
 */
export async function lockUser(db: Queryable, userId: string, mode: 'update' | 'share'): Promise<UserRow | null> {
  const rows = await db
    .select(publicColumns)
    .from(users)
    .where(eq(users.id, userId))
    .for(mode === 'update' ? 'update' : 'share');
  return rows[0] ?? null;
}

/** Sets or clears the suspension; the check constraint keeps the time and the reason together. */
export async function setSuspension(db: Queryable, args: { userId: string; reason: string | null }): Promise<UserRow> {
  const rows = await db
    .update(users)
    .set({ suspendedAt: args.reason === null ? null : sql`now()`, suspensionReason: args.reason, updatedAt: sql`now()` })
    .where(eq(users.id, args.userId))
    .returning(publicColumns);
  const row = rows[0];
  if (!row) throw new Error(`suspension of user ${args.userId}: the locked row is gone`);
  return row;
}

export async function setRoles(db: Queryable, args: { userId: string; roles: Role[] }): Promise<UserRow> {
  const rows = await db.update(users).set({ roles: args.roles, updatedAt: sql`now()` }).where(eq(users.id, args.userId)).returning(publicColumns);
  const row = rows[0];
  if (!row) throw new Error(`roles of user ${args.userId}: the row is gone`);
  return row;
}

/** `%`, `_` and `\` in a search are literal characters, not patterns. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Users for administrators: newest accounts first, keyset-paginated on (created_at, id). */
export async function pageUsers(db: Queryable, filter: { search: string | null; suspended: boolean | null }, page: PageRequest): Promise<UserRow[]> {
  const conditions: SQL[] = [];
  if (filter.search) {
    const pattern = likePattern(filter.search);
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern)) as SQL);
  }
  if (filter.suspended !== null) conditions.push(filter.suspended ? isNotNull(users.suspendedAt) : isNull(users.suspendedAt));
  // users.created_at keeps microseconds and a cursor carries milliseconds: both sides are cut to
  // milliseconds, so the cursor comparison never skips or repeats a row.
  const createdMs = sql`date_trunc('milliseconds', ${users.createdAt})`;
  if (page.after) conditions.push(sql`(${createdMs}, ${users.id}) < (${page.after.key}::timestamptz, ${page.after.id}::uuid)`);
  return db
    .select(publicColumns)
    .from(users)
    .where(and(...conditions))
    .orderBy(desc(createdMs), desc(users.id))
    .limit(page.limit + 1);
}
