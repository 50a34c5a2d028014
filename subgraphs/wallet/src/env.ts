import { z } from 'zod';
import { baseEnvSchema, currencySchema } from '@sx/runtime';

export const envSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  /** Currency of a wallet that has no account yet (its first deposit will open one). */
  WALLET_DEFAULT_CURRENCY: currencySchema.default('USD'),
});

export type WalletConfig = z.infer<typeof envSchema>;
