import { and, eq, gt, isNull, sql } from 'drizzle-orm';
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

/** How many tokens of this purpose the user was sent since `since` (the per-address limit). */
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
