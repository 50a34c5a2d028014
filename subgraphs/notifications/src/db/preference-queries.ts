import { inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@sx/runtime';
import { onlyUuids } from '@sx/core';
import { preferences, type PreferenceRow } from './tables.js';

/** Every stored choice of these users (what is not stored is the default). */
export async function findChoices(db: Db | Tx, userIds: readonly string[]): Promise<PreferenceRow[]> {
  const ids = onlyUuids(userIds);
  if (ids.length === 0) return [];
  return db.select().from(preferences).where(inArray(preferences.userId, ids));
}

/** Stores choices, replacing earlier ones of the same kind and channel. */
export async function saveChoices(tx: Tx, userId: string, choices: readonly { kind: string; channel: string; enabled: boolean }[]): Promise<void> {
  if (choices.length === 0) return;
  await tx
    .insert(preferences)
    .values(choices.map((c) => ({ userId, ...c })))
    .onConflictDoUpdate({
      target: [preferences.userId, preferences.kind, preferences.channel],
      set: { enabled: sql`excluded.enabled`, updatedAt: sql`now()` },
    });
}
