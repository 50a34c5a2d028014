import { fileURLToPath } from 'node:url';
import { EventRuntime } from '@sx/events';
import { loadTypeDefs, runService } from '@sx/runtime';
import { deadLetters, inbox, outbox } from './db/tables.js';
import { envSchema, type TasksConfig } from './env.js';
import { createLoaders, type TaskLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

await runService<TasksConfig, TaskLoaders>({
  name: 'tasks',
  envSchema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  wire: async ({ db, config, log, metrics }) => {
    const events = new EventRuntime({ service: 'tasks', config, db, log, registry: metrics.registry, tables: { outbox, inbox, deadLetters } });
    events.start();
    return {
      resolvers: createResolvers(db),
      createLoaders: () => createLoaders(db),
      onShutdown: () => events.stop(),
      healthDetails: () => events.health(),
    };
  },
});
