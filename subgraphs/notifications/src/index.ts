import { runEventService } from '@sx/events';
import { deadLetters, inbox, outbox } from './db/tables.js';
import { envSchema, type NotificationsConfig } from './env.js';
import { consumeBidEvents, consumeReviewEvents, consumeTaskEvents, consumeWalletEvents } from './events/domain-handlers.js';
import { createLoaders, type NotificationLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

await runEventService<NotificationsConfig, NotificationLoaders>({
  name: 'notifications',
  entry: import.meta.url,
  envSchema,
  tables: { outbox, inbox, deadLetters },
  // One durable consumer per domain it listens to: a slow or failing stream holds up only its own.
  consumers: [
    { name: 'notifications_from_tasks', domain: 'tasks', subscribe: consumeTaskEvents },
    { name: 'notifications_from_bids', domain: 'bids', subscribe: consumeBidEvents },
    { name: 'notifications_from_wallet', domain: 'wallet', subscribe: consumeWalletEvents },
    { name: 'notifications_from_reviews', domain: 'reviews', subscribe: consumeReviewEvents },
  ],
  loaders: createLoaders,
  wire: async ({ db }) => ({ resolvers: createResolvers({ db }) }),
});
