import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '@sx/runtime';
import { onlyUuids } from '@sx/core';
import { recipients } from './tables.js';

/** Remembers where to email a user (a replayed sign-up changes nothing). */
export async function rememberRecipient(tx: Tx, row: { userId: string; email: string; name: string | null }): Promise<void> {
  await tx.insert(recipients).values(row).onConflictDoNothing();
}

export async function findRecipients(tx: Tx, userIds: readonly string[]): Promise<Map<string, { email: string; name: string | null }>> {
  const ids = onlyUuids(userIds);
  if (ids.length === 0) return new Map();
  const rows = await tx.select().from(recipients).where(inArray(recipients.userId, ids));
  return new Map(rows.map((r) => [r.userId, { email: r.email, name: r.name }]));
}

/** The account an address belongs to (addresses are unique per account), or null. */
export async function recipientIdByEmail(tx: Tx, email: string): Promise<string | null> {
  const [row] = await tx.select({ userId: recipients.userId }).from(recipients).where(sql`lower(${recipients.email}) = ${email.toLowerCase()}`);
  return row?.userId ?? null;
}
