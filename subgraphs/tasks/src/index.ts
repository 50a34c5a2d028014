import { fileURLToPath } from 'node:url';
import { EventRuntime } from '@sx/events';
import { loadTypeDefs, runService } from '@sx/runtime';
import { deadLetters, inbox, outbox } from './db/tables.js';
import { autoReleaseDelayMs } from './domain/auto-release.js';
import { envSchema, type TasksConfig } from './env.js';
import { consumeWalletEvents } from './events/escrow-handlers.js';
import { startAutoRelease } from './jobs/auto-release.js';
import { createLoaders, type TaskLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

await runService<TasksConfig, TaskLoaders>({
  name: 'tasks',
  envSchema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  wire: async ({ db, config, log, metrics }) => {
    const events = new EventRuntime({ service: 'tasks', config, db, log, registry: metrics.registry, tables: { outbox, inbox, deadLetters } });
    consumeWalletEvents(events.consumer('tasks_from_wallet', 'wallet'));
    events.start();
    const autoRelease = startAutoRelease({
      db,
      log,
      intervalMs: config.AUTO_RELEASE_INTERVAL_MS,
      delayMs: autoReleaseDelayMs({ days: config.AUTO_RELEASE_DAYS, afterMs: config.AUTO_RELEASE_AFTER_MS }),
      batchSize: config.AUTO_RELEASE_BATCH,
    });
    return {
      resolvers: createResolvers(db),
      createLoaders: () => createLoaders(db),
      onShutdown: async () => {
        await autoRelease.stop();
        await events.stop();
      },
      healthDetails: () => events.health(),
    };
  },
});
