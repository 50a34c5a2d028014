import { appendEvent, reviewLeft, reviewRevealed, type Actor, type Executor } from '@sx/events';
import type { ReviewRow } from '../db/tables.js';
import { outbox } from '../db/tables.js';

const SERVICE = 'reviews';

/** Written in the transaction that inserted the review; the subject is told a review awaits them. */
export function recordReviewLeft(tx: Executor, review: ReviewRow, actor: Actor) {
  const { id: reviewId, taskId, authorId, subjectId, rating } = review;
  return appendEvent(tx, outbox, reviewLeft, { reviewId, taskId, authorId, subjectId, rating }, { service: SERVICE, actor });
}

/** Written in the transaction that revealed the review; ratings count it from this event. */
export function recordReviewRevealed(tx: Executor, review: ReviewRow, reason: 'BOTH_REVIEWED' | 'WINDOW_CLOSED', actor: Actor) {
  const { id: reviewId, taskId, authorId, subjectId, rating } = review;
  return appendEvent(tx, outbox, reviewRevealed, { reviewId, taskId, authorId, subjectId, rating, reason }, { service: SERVICE, actor });
}
