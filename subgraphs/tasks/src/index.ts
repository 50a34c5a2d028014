import { runEventService } from '@sx/events';
import { deadLetters, inbox, outbox } from './db/tables.js';
import { autoReleaseDelayMs } from './domain/auto-release.js';
import { envSchema, type TasksConfig } from './env.js';
import { consumeUserEvents } from './events/user-handlers.js';
import { consumeWalletEvents } from './events/wallet-handlers.js';
import { startAutoRelease } from './jobs/auto-release.js';
import { createLoaders, type TaskLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

await runEventService<TasksConfig, TaskLoaders>({
  name: 'tasks',
  entry: import.meta.url,
  envSchema,
  tables: { outbox, inbox, deadLetters },
  consumers: [
    { name: 'tasks_from_wallet', domain: 'wallet', subscribe: consumeWalletEvents },
    { name: 'tasks_from_users', domain: 'users', subscribe: consumeUserEvents },
  ],
  loaders: createLoaders,
  wire: async ({ db }) => ({ resolvers: createResolvers({ db }) }),
  jobs: ({ db, log, config }) => [
    startAutoRelease({
      db,
      log,
      intervalMs: config.AUTO_RELEASE_INTERVAL_MS,
      delayMs: autoReleaseDelayMs({ days: config.AUTO_RELEASE_DAYS, afterMs: config.AUTO_RELEASE_AFTER_MS }),
      batchSize: config.AUTO_RELEASE_BATCH,
    }),
  ],
});
