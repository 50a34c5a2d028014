import { runEventService } from '@sx/events';
import { deadLetters, inbox, outbox } from './db/tables.js';
import { envSchema, type BidsConfig } from './env.js';
import { consumeTaskEvents } from './events/task-handlers.js';
import { consumeUserEvents } from './events/user-handlers.js';
import { consumeWalletEvents } from './events/wallet-handlers.js';
import { createLoaders, type BidLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

await runEventService<BidsConfig, BidLoaders>({
  name: 'bids',
  entry: import.meta.url,
  envSchema,
  tables: { outbox, inbox, deadLetters },
  consumers: [
    { name: 'bids_from_tasks', domain: 'tasks', subscribe: consumeTaskEvents },
    { name: 'bids_from_wallet', domain: 'wallet', subscribe: consumeWalletEvents },
    { name: 'bids_from_users', domain: 'users', subscribe: consumeUserEvents },
  ],
  loaders: createLoaders,
  wire: async ({ db }) => ({ resolvers: createResolvers({ db }) }),
});
