import { appendEvent, reviewLeft, type Actor, type Executor } from '@sx/events';
import type { ReviewRow } from '../db/tables.js';
import { outbox } from '../db/tables.js';

const SERVICE = 'reviews';

/** Written in the transaction that inserted the review; ratings are maintained from it. */
export function recordReviewLeft(tx: Executor, review: ReviewRow, actor: Actor) {
  const { id: reviewId, taskId, authorId, subjectId, rating } = review;
  return appendEvent(tx, outbox, reviewLeft, { reviewId, taskId, authorId, subjectId, rating }, { service: SERVICE, actor });
}
