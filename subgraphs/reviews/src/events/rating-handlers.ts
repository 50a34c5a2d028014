import { reviewLeft, type EventConsumer } from '@sx/events';
import { countRating } from '../commands/count-rating.js';

/** The durable consumer `reviews_ratings` of reviews' own stream that maintains `reviews.ratings`. */
export function consumeReviewEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(reviewLeft, countRating);
}
