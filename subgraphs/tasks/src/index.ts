import { fileURLToPath } from 'node:url';
import { loadTypeDefs, runService } from '@sx/runtime';
import { envSchema, type TasksConfig } from './env.js';
import { createLoaders, type TaskLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

await runService<TasksConfig, TaskLoaders>({
  name: 'tasks',
  envSchema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  wire: async ({ db }) => ({
    resolvers: createResolvers(db),
    createLoaders: () => createLoaders(db),
  }),
});
