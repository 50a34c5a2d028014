import type { Db } from '@sx/runtime';
import type { KeyTimes } from './domain/idempotency.js';
import type { PaymentProvider } from './payment-provider/payment-provider.js';

/** What wallet's commands are built from, once at start-up. */
export interface WalletDeps {
  db: Db;
  /** Where deposits come from and payouts go (src/payment-provider/). */
  provider: PaymentProvider;
  /** IDEMPOTENCY_LEASE_MS and IDEMPOTENCY_KEY_TTL_HOURS. */
  keys: KeyTimes;
}
