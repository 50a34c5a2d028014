import { runEventService } from '@sx/events';
import { deadLetters, inbox, outbox } from './db/tables.js';
import { envSchema, type AnalyticsConfig } from './env.js';
import { consumeBidEvents, consumeTaskEvents, consumeUserEvents, consumeWalletEvents } from './events/domain-handlers.js';
import { createLoaders, type AnalyticsLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

// Reads models only: analytics never reads another schema; every figure comes from events.
await runEventService<AnalyticsConfig, AnalyticsLoaders>({
  name: 'analytics',
  entry: import.meta.url,
  envSchema,
  tables: { outbox, inbox, deadLetters },
  // One durable consumer per domain: a slow stream holds up only its own figures.
  consumers: [
    { name: 'analytics_from_users', domain: 'users', subscribe: consumeUserEvents },
    { name: 'analytics_from_tasks', domain: 'tasks', subscribe: consumeTaskEvents },
    { name: 'analytics_from_bids', domain: 'bids', subscribe: consumeBidEvents },
    { name: 'analytics_from_wallet', domain: 'wallet', subscribe: consumeWalletEvents },
  ],
  loaders: createLoaders,
  wire: async () => ({ resolvers: createResolvers() }),
});
