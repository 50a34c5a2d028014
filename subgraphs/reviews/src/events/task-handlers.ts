import { disputeResolved, taskCompleted, type EventConsumer } from '@sx/events';
import { openReviews, openReviewsAfterSplit } from '../commands/open-reviews.js';

/** The durable consumer `reviews_from_tasks` that keeps the replica of completed tasks. */
export function consumeTaskEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(taskCompleted, openReviews).on(disputeResolved, openReviewsAfterSplit);
}
