import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { isUuid, onlyUuids, type TimePageRequest } from '@sx/core';
import { reviews, type ReviewRow } from './tables.js';

export async function findReviewsByIds(db: Db, ids: readonly string[]): Promise<ReviewRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select().from(reviews).where(inArray(reviews.id, valid));
}

/** Whose reviews: those a user received, or those of a task. */
export type ReviewsOf = { subjectId: string } | { taskId: string };

/** Newest first, keyset-paginated on (created_at, id). */
export async function pageReviews(db: Db, by: ReviewsOf, page: TimePageRequest): Promise<ReviewRow[]> {
  const ownerId = 'subjectId' in by ? by.subjectId : by.taskId;
  if (!isUuid(ownerId)) return [];
  const filters: SQL[] = ['subjectId' in by ? eq(reviews.subjectId, by.subjectId) : eq(reviews.taskId, by.taskId)];
  if (page.after) {
    const { at, id } = page.after;
    const before = or(lt(reviews.createdAt, at), and(eq(reviews.createdAt, at), lt(reviews.id, id)));
    if (before) filters.push(before);
  }
  return db
    .select()
    .from(reviews)
    .where(and(...filters))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(page.limit + 1);
}
