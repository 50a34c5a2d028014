import { and, eq, isNull, sql } from 'drizzle-orm';
import { refreshTokens, type RefreshTokenRow } from './tables.js';
import type { Queryable, Tx } from '@sx/runtime';

export async function insertRefreshToken(
  db: Queryable,
  args: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
): Promise<RefreshTokenRow> {
  const rows = await db.insert(refreshTokens).values(args).returning();
  const row = rows[0];
  if (!row) throw new Error('insert into refresh_tokens returned no row');
  return row;
}

/** Whose token this is, without a lock: a refresh locks the owner's row before the token's. */
export async function findTokenOwner(db: Queryable, tokenHash: string): Promise<string | null> {
  const rows = await db.select({ userId: refreshTokens.userId }).from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
  return rows[0]?.userId ?? null;
}

/**
 * Locks the token's row until the transaction ends: a second refresh with the same token waits
 * here, then sees it used, so two concurrent refreshes can never both rotate it.
 */
export async function lockRefreshTokenByHash(tx: Tx, tokenHash: string): Promise<RefreshTokenRow | null> {
  const rows = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).for('update');
  return rows[0] ?? null;
}

export async function markRefreshTokenUsed(tx: Tx, args: { id: string; replacedBy: string }): Promise<void> {
  await tx
    .update(refreshTokens)
    .set({ usedAt: sql`now()`, replacedBy: args.replacedBy })
    .where(eq(refreshTokens.id, args.id));
}

/** Revokes every still-live token of a family; returns how many. */
export async function revokeFamily(db: Queryable, familyId: string): Promise<number> {
  const rows = await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length;
}

/**
 * Sign-out: revokes the family of the given token in one statement. Returns the session it ended
 * (its user and family), or null when the token is unknown or its session had already ended.
 */
export async function revokeFamilyOfToken(db: Queryable, tokenHash: string): Promise<{ userId: string; familyId: string } | null> {
  const rows = await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        isNull(refreshTokens.revokedAt),
        sql`${refreshTokens.familyId} = (SELECT family_id FROM users.refresh_tokens WHERE token_hash = ${tokenHash})`,
      ),
    )
    .returning({ userId: refreshTokens.userId, familyId: refreshTokens.familyId });
  return rows[0] ?? null;
}
