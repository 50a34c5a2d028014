import { fileURLToPath } from 'node:url';
import { loadTypeDefs, runService } from '@sx/runtime';
import { envSchema, type WalletConfig } from './env.js';
import { createLoaders, type WalletLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

await runService<WalletConfig, WalletLoaders>({
  name: 'wallet',
  envSchema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  wire: async ({ db, config }) => ({
    resolvers: createResolvers(db, { defaultCurrency: config.WALLET_DEFAULT_CURRENCY }),
    createLoaders: () => createLoaders(db),
  }),
});
