import { z } from 'zod';
import { eventsEnvShape } from '@sx/events';
import { baseEnvSchema } from '@sx/runtime';
import { currencySchema, MAX_AMOUNT_MINOR } from '@sx/core';
import { MAX_PLATFORM_FEE_BPS } from './domain/platform-fee.js';

const minorUnits = (fallback: number) => z.coerce.number().int().min(1).max(MAX_AMOUNT_MINOR).default(fallback);

export const envSchema = baseEnvSchema.extend(eventsEnvShape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  /** Currency of `User.wallet` when no currency is asked for. */
  WALLET_DEFAULT_CURRENCY: currencySchema.default('USD'),
  /** How long a finished idempotency key is kept (replayed); at least a day, as clients retry that long. */
  IDEMPOTENCY_KEY_TTL_HOURS: z.coerce.number().int().min(24).max(24 * 30).default(24),
  /** How long a running request owns its key; after that a retry may take over an abandoned one. */
  IDEMPOTENCY_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  /** How often abandoned requests are finished and expired keys deleted, and at most how many of each per pass. */
  IDEMPOTENCY_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  IDEMPOTENCY_SWEEP_BATCH: z.coerce.number().int().min(1).max(10_000).default(100),
  /** The platform's fee on a released payment in basis points (1000 = 10 %), rounded half up to the cent. */
  PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(MAX_PLATFORM_FEE_BPS).default(1_000),
  /** The payment provider deposits and withdrawals go through; only the local one exists yet. */
  PAYMENT_PROVIDER: z.enum(['local']).default('local'),
  /** The local provider declines a deposit above this (25,000.00) … */
  LOCAL_PROVIDER_MAX_CHARGE_MINOR: minorUnits(2_500_000),
  /** … and a payout above this (10,000.00). */
  LOCAL_PROVIDER_MAX_PAYOUT_MINOR: minorUnits(1_000_000),
  /** Daily payouts: a tasker's wallet is paid out in full once its available balance reaches this (10.00) … */
  PAYOUT_MIN_BALANCE_MINOR: minorUnits(1_000),
  /** … once a day, from this hour (UTC) on … */
  PAYOUT_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(2),
  /** … which each instance checks this often (the run itself is once per day, by one instance). */
  PAYOUT_CHECK_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(300_000),
  /** Wallets read per query, and at most how many payouts one run makes (the rest wait for the next day). */
  PAYOUT_BATCH: z.coerce.number().int().min(1).max(1_000).default(100),
  PAYOUT_MAX_PER_RUN: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** How often Σ balances, accounts below zero and open escrows are re-read for /metrics. */
  LEDGER_CHECK_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  /** Off: no instance runs the daily payouts (e.g. while the bank is migrated). */
  PAYOUTS_ENABLED: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});

export type WalletConfig = z.infer<typeof envSchema>;
