import { and, desc, eq, inArray, isNotNull, lt, or, type SQL } from 'drizzle-orm';
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

/**
 * Newest first, keyset-paginated on (created_at, id). Only what `viewerId` may see: revealed
 * reviews, and hidden ones they wrote (domain/review-window.ts canSeeReview says the same).
 */
export async function pageReviews(db: Db, by: ReviewsOf, page: TimePageRequest, viewerId: string | null): Promise<ReviewRow[]> {
  const ownerId = 'subjectId' in by ? by.subjectId : by.taskId;
  if (!isUuid(ownerId)) return [];
  const visible = viewerId && isUuid(viewerId) ? or(isNotNull(reviews.revealedAt), eq(reviews.authorId, viewerId)) : isNotNull(reviews.revealedAt);
  const filters: SQL[] = ['subjectId' in by ? eq(reviews.subjectId, by.subjectId) : eq(reviews.taskId, by.taskId)];
  if (visible) filters.push(visible);
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
