import { fileURLToPath } from 'node:url';
import { EventRuntime } from '@sx/events';
import { loadTypeDefs, runService } from '@sx/runtime';
import { deadLetters, inbox, outbox } from './db/tables.js';
import type { WalletDeps } from './deps.js';
import { envSchema, type WalletConfig } from './env.js';
import { consumeBidEvents } from './events/bid-handlers.js';
import { consumeTaskEvents } from './events/task-handlers.js';
import { consumeUserEvents } from './events/user-handlers.js';
import { startKeySweep } from './jobs/key-sweep.js';
import { createLoaders, type WalletLoaders } from './loaders.js';
import { createLocalProvider } from './payment-provider/local-provider.js';
import { createResolvers } from './resolvers/index.js';

await runService<WalletConfig, WalletLoaders>({
  name: 'wallet',
  envSchema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  wire: async ({ db, config, log, metrics }) => {
    const events = new EventRuntime({ service: 'wallet', config, db, log, registry: metrics.registry, tables: { outbox, inbox, deadLetters } });
    consumeBidEvents(events.consumer('wallet_from_bids', 'bids'));
    consumeTaskEvents(events.consumer('wallet_from_tasks', 'tasks'), { feeBps: config.PLATFORM_FEE_BPS });
    consumeUserEvents(events.consumer('wallet_from_users', 'users'));
    events.start();
    const provider = createLocalProvider(db, {
      maxChargeMinor: config.LOCAL_PROVIDER_MAX_CHARGE_MINOR,
      maxPayoutMinor: config.LOCAL_PROVIDER_MAX_PAYOUT_MINOR,
    });
    const deps: WalletDeps = { db, provider, keys: { leaseMs: config.IDEMPOTENCY_LEASE_MS, ttlHours: config.IDEMPOTENCY_KEY_TTL_HOURS } };
    const stopSweep = startKeySweep({ ...deps, log }, { intervalMs: config.IDEMPOTENCY_SWEEP_INTERVAL_MS, batch: config.IDEMPOTENCY_SWEEP_BATCH });
    return {
      resolvers: createResolvers(deps, { defaultCurrency: config.WALLET_DEFAULT_CURRENCY }),
      createLoaders: () => createLoaders(db),
      onShutdown: async () => {
        await stopSweep();
        await events.stop();
      },
      healthDetails: () => events.health(),
    };
  },
});
