import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@sx/runtime';
import { knownUsers } from './tables.js';

/** Remembers a user; a redelivered or replayed sign-up changes nothing. */
export async function rememberKnownUser(tx: Tx, userId: string): Promise<void> {
  await tx.insert(knownUsers).values({ userId }).onConflictDoNothing();
}

/** Whether the user signed up (as far as wallet has heard). */
export async function isKnownUser(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await tx.select({ one: sql<number>`1` }).from(knownUsers).where(eq(knownUsers.userId, userId));
  return row !== undefined;
}
