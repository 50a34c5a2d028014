import type { ReviewDraft } from '../domain/review-draft.js';
import { reviews, type ReviewRow } from './tables.js';
import type { Tx } from '@sx/runtime';

/** The unique index that lets each participant review a task once, whatever races. */
export const ONE_REVIEW_PER_AUTHOR_INDEX = 'reviews_task_author_unique';

export async function insertReview(tx: Tx, review: ReviewDraft & { authorId: string; subjectId: string }): Promise<ReviewRow> {
  const [row] = await tx.insert(reviews).values(review).returning();
  if (!row) throw new Error(`review of task ${review.taskId} by ${review.authorId} was not written`);
  return row;
}
