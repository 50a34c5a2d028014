import { fileURLToPath } from 'node:url';
import { loadTypeDefs, runService } from '@sx/runtime';
import { envSchema, type BidsConfig } from './env.js';
import { createLoaders, type BidLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

await runService<BidsConfig, BidLoaders>({
  name: 'bids',
  envSchema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  wire: async ({ db }) => ({
    resolvers: createResolvers(db),
    createLoaders: () => createLoaders(db),
  }),
});
