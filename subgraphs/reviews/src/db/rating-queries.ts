import { inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@sx/runtime';
import { onlyUuids } from '@sx/core';
import type { RatingTotals } from '../domain/rating-average.js';
import { ratings } from './tables.js';

/** One SELECT for a whole batch of users; users with no row have no ratings yet. */
export async function findRatingTotals(db: Db, subjectIds: readonly string[]): Promise<Map<string, RatingTotals>> {
  const valid = onlyUuids(subjectIds);
  if (valid.length === 0) return new Map();
  const rows = await db
    .select({ subjectId: ratings.subjectId, count: ratings.count, sum: ratings.sum })
    .from(ratings)
    .where(inArray(ratings.subjectId, valid));
  return new Map(rows.map((r) => [r.subjectId, { count: r.count, sum: r.sum }]));
}

/**
 * Adds one rating to the subject's totals in a single upsert: concurrent handlers of events
 * about the same user serialise on the row, and none overwrites another's increment.
 */
export async function addRating(tx: Tx, subjectId: string, rating: number): Promise<RatingTotals> {
  const [row] = await tx
    .insert(ratings)
    .values({ subjectId, count: 1, sum: rating })
    .onConflictDoUpdate({
      target: ratings.subjectId,
      set: { count: sql`${ratings.count} + 1`, sum: sql`${ratings.sum} + excluded.sum`, updatedAt: sql`now()` },
    })
    .returning({ count: ratings.count, sum: ratings.sum });
  if (!row) throw new Error(`rating of ${subjectId} was not written`);
  return row;
}
