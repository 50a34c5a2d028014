import { runEventService } from '@sx/events';
import { deadLetters, inbox, outbox } from './db/tables.js';
import { reviewWindowMs } from './domain/review-window.js';
import { envSchema, type ReviewsConfig } from './env.js';
import { consumeReviewEvents } from './events/rating-handlers.js';
import { consumeTaskEvents } from './events/task-handlers.js';
import { startRevealReviews } from './jobs/reveal-reviews.js';
import { createLoaders, type ReviewLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

await runEventService<ReviewsConfig, ReviewLoaders>({
  name: 'reviews',
  entry: import.meta.url,
  envSchema,
  tables: { outbox, inbox, deadLetters },
  consumers: [
    { name: 'reviews_from_tasks', domain: 'tasks', subscribe: consumeTaskEvents },
    // Ratings follow from reviews' own events, so the write path stays one insert per review.
    { name: 'reviews_ratings', domain: 'reviews', subscribe: consumeReviewEvents },
  ],
  loaders: createLoaders,
  wire: async ({ db, config }) => ({ resolvers: createResolvers({ db, reviewWindowMs: reviewWindowMs(config) }) }),
  jobs: ({ db, log, config }) => [
    startRevealReviews({
      db,
      log,
      reviewWindowMs: reviewWindowMs(config),
      intervalMs: config.REVIEW_REVEAL_INTERVAL_MS,
      batchSize: config.REVIEW_REVEAL_BATCH,
    }),
  ],
});
