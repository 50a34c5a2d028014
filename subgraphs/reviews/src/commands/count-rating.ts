import type { EventEnvelope, PayloadOf, reviewRevealed } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { addRating } from '../db/rating-queries.js';

/**
 * reviews.review.revealed: adds the review's rating to its subject's totals. The consumer's inbox
 * row commits with the increment, so a redelivered event is not counted twice.
 */
export async function countRating(tx: Tx, event: EventEnvelope<PayloadOf<typeof reviewRevealed>>, log: Logger): Promise<void> {
  const { subjectId, rating, reviewId } = event.data;
  const totals = await addRating(tx, subjectId, rating);
  log.info({ subjectId, reviewId, eventId: event.id, count: totals.count }, 'rating counted');
}
