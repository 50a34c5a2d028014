import { fileURLToPath } from 'node:url';
import { EventRuntime, startEvents } from '@sx/events';
import { loadTypeDefs, runService } from '@sx/runtime';
import { deadLetters, inbox, outbox } from './db/tables.js';
import { envSchema, type BidsConfig } from './env.js';
import { consumeTaskEvents } from './events/task-handlers.js';
import { consumeWalletEvents } from './events/wallet-handlers.js';
import { createLoaders, type BidLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

await runService<BidsConfig, BidLoaders>({
  name: 'bids',
  envSchema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  wire: async ({ db, config, log, metrics }) => {
    const events = new EventRuntime({ service: 'bids', config, db, log, registry: metrics.registry, tables: { outbox, inbox, deadLetters } });
    consumeTaskEvents(events.consumer('bids_from_tasks', 'tasks'));
    consumeWalletEvents(events.consumer('bids_from_wallet', 'wallet'));
    return {
      resolvers: createResolvers(db),
      createLoaders: () => createLoaders(db),
      ...startEvents(events),
    };
  },
});
