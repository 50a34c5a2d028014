import { runEventService } from '@sx/events';
import type { ServiceDeps } from '@sx/runtime';
import { deadLetters, inbox, outbox } from './db/tables.js';
import type { WalletDeps } from './deps.js';
import { envSchema, type WalletConfig } from './env.js';
import { consumeBidEvents } from './events/bid-handlers.js';
import { consumeTaskEvents } from './events/task-handlers.js';
import { consumeUserEvents } from './events/user-handlers.js';
import { startDailyPayouts, type DailyPayoutSettings } from './jobs/daily-payouts.js';
import { registerEscrowGauge } from './jobs/escrow-gauge.js';
import { startKeySweep } from './jobs/key-sweep.js';
import { startLedgerCheck } from './jobs/ledger-invariants.js';
import { createLoaders, type WalletLoaders } from './loaders.js';
import { createLocalProvider } from './payment-provider/local-provider.js';
import { createResolvers } from './resolvers/index.js';

/** The commands' dependencies from the started service (the provider holds no state of its own). */
function walletDeps({ db, config }: ServiceDeps<WalletConfig>): WalletDeps {
  const provider = createLocalProvider(db, {
    maxChargeMinor: config.LOCAL_PROVIDER_MAX_CHARGE_MINOR,
    maxPayoutMinor: config.LOCAL_PROVIDER_MAX_PAYOUT_MINOR,
  });
  return { db, provider, keys: { leaseMs: config.IDEMPOTENCY_LEASE_MS, ttlHours: config.IDEMPOTENCY_KEY_TTL_HOURS } };
}

function payoutSettings(config: WalletConfig): DailyPayoutSettings {
  return {
    thresholdMinor: config.PAYOUT_MIN_BALANCE_MINOR,
    payoutHourUtc: config.PAYOUT_HOUR_UTC,
    checkIntervalMs: config.PAYOUT_CHECK_INTERVAL_MS,
    batch: config.PAYOUT_BATCH,
    maxPerRun: config.PAYOUT_MAX_PER_RUN,
  };
}

await runEventService<WalletConfig, WalletLoaders>({
  name: 'wallet',
  entry: import.meta.url,
  envSchema,
  tables: { outbox, inbox, deadLetters },
  consumers: [
    { name: 'wallet_from_bids', domain: 'bids', subscribe: consumeBidEvents },
    { name: 'wallet_from_tasks', domain: 'tasks', subscribe: (consumer, { config }) => consumeTaskEvents(consumer, { feeBps: config.PLATFORM_FEE_BPS }) },
    { name: 'wallet_from_users', domain: 'users', subscribe: consumeUserEvents },
  ],
  loaders: createLoaders,
  wire: async (deps) => {
    registerEscrowGauge(deps.metrics.registry, deps.db, deps.log);
    return { resolvers: createResolvers(walletDeps(deps), { defaultCurrency: deps.config.WALLET_DEFAULT_CURRENCY }) };
  },
  jobs: (deps) => [
    {
      stop: startKeySweep(
        { ...walletDeps(deps), log: deps.log },
        { intervalMs: deps.config.IDEMPOTENCY_SWEEP_INTERVAL_MS, batch: deps.config.IDEMPOTENCY_SWEEP_BATCH },
      ),
    },
    startLedgerCheck({ db: deps.db, log: deps.log, registry: deps.metrics.registry }, deps.config.LEDGER_CHECK_INTERVAL_MS),
    ...(deps.config.PAYOUTS_ENABLED ? [startDailyPayouts({ ...walletDeps(deps), log: deps.log }, payoutSettings(deps.config))] : []),
  ],
});
