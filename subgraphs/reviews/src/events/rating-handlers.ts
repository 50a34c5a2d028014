import { reviewRevealed, type EventConsumer } from '@sx/events';
import { countRating } from '../commands/count-rating.js';

/**
 * The durable consumer `reviews_ratings` of reviews' own stream that maintains `reviews.ratings`:
 * a review counts once it is revealed (blind reviews), never while hidden.
 */
export function consumeReviewEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(reviewRevealed, countRating);
}
