import { fileURLToPath } from 'node:url';
import { loadTypeDefs, runService } from '@sx/runtime';
import { envSchema, type ReviewsConfig } from './env.js';
import { createLoaders, type ReviewLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

await runService<ReviewsConfig, ReviewLoaders>({
  name: 'reviews',
  envSchema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  wire: async ({ db }) => ({
    resolvers: createResolvers(db),
    createLoaders: () => createLoaders(db),
  }),
});
