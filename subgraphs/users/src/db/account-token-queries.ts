import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { onlyUuids } from '@sx/core';
import type { Queryable, Tx } from '@sx/runtime';
import { accountTokens, emailVerifications } from './account-token-tables.js';
import { refreshTokens, users } from './tables.js';

export type AccountTokenPurpose = 'VERIFY_EMAIL' | 'RESET_PASSWORD';

export async function insertAccountToken(tx: Tx, row: { userId: string; purpose: AccountTokenPurpose; tokenHash: string; expiresAt: Date }): Promise<void> {
  await tx.insert(accountTokens).values(row);
}

/**
 * Uses a token once: marks it used if it is unused, unexpired and of this purpose, and answers
 * its user; null otherwise (the same for unknown, used and expired, so nothing is told apart).
 */
export async function consumeAccountToken(tx: Tx, tokenHash: string, purpose: AccountTokenPurpose): Promise<string | null> {
  const rows = await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, sql`now()`)))
    .returning({ userId: accountTokens.userId });
  return rows[0]?.userId ?? null;
}

/**
 * Holds, until the transaction ends, the user's lock for issuing tokens of this purpose: a
 * concurrent request for the same user waits here, then counts the tokens this one issued, so
 * count-then-insert cannot overshoot the limit. An advisory lock, so nothing else on the user waits.
 */
export async function lockTokenIssuing(tx: Tx, userId: string, purpose: AccountTokenPurpose): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`users.account-token:${purpose}:${userId}`}, 0))`);
}

/** How many tokens of this purpose the user was sent since `since` (the per-account limit). */
export async function countRecentTokens(db: Queryable, userId: string, purpose: AccountTokenPurpose, since: Date): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(accountTokens)
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), gt(accountTokens.createdAt, since)));
  return rows[0]?.n ?? 0;
}

export async function markEmailVerified(tx: Tx, userId: string): Promise<void> {
  await tx.insert(emailVerifications).values({ userId }).onConflictDoNothing();
}

/** The new password, and every other unused reset token of the user spent with it. */
export async function replacePassword(tx: Tx, userId: string, passwordHash: string): Promise<void> {
  await tx.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, userId));
  await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, 'RESET_PASSWORD'), isNull(accountTokens.usedAt)));
}

/** Revokes every live refresh-token family of the user; answers the families ended. */
export async function revokeAllFamilies(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
    .returning({ familyId: refreshTokens.familyId });
  return [...new Set(rows.map((r) => r.familyId))];
}

/** Which of these users have verified their email, in one statement (the loader's batch). */
export async function findVerifiedUserIds(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return new Set();
  const rows = await db.select({ userId: emailVerifications.userId }).from(emailVerifications).where(inArray(emailVerifications.userId, valid));
  return new Set(rows.map((r) => r.userId));
}
