import { fileURLToPath } from 'node:url';
import { EventRuntime, startEvents } from '@sx/events';
import { loadTypeDefs, runService } from '@sx/runtime';
import { deadLetters, inbox, outbox } from './db/tables.js';
import { envSchema, type ReviewsConfig } from './env.js';
import { consumeReviewEvents } from './events/rating-handlers.js';
import { consumeTaskEvents } from './events/task-handlers.js';
import { createLoaders, type ReviewLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

await runService<ReviewsConfig, ReviewLoaders>({
  name: 'reviews',
  envSchema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  wire: async ({ db, config, log, metrics }) => {
    const events = new EventRuntime({ service: 'reviews', config, db, log, registry: metrics.registry, tables: { outbox, inbox, deadLetters } });
    consumeTaskEvents(events.consumer('reviews_from_tasks', 'tasks'));
    // Ratings follow from reviews' own events, so the write path stays one insert per review.
    consumeReviewEvents(events.consumer('reviews_ratings', 'reviews'));
    return {
      resolvers: createResolvers(db),
      createLoaders: () => createLoaders(db),
      ...startEvents(events),
    };
  },
});
