import { runEventService } from '@sx/events';
import { deadLetters, inbox, outbox } from './db/tables.js';
import { envSchema, type ReviewsConfig } from './env.js';
import { consumeReviewEvents } from './events/rating-handlers.js';
import { consumeTaskEvents } from './events/task-handlers.js';
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
  wire: async ({ db }) => ({ resolvers: createResolvers({ db }) }),
});
