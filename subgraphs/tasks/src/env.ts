import { z } from 'zod';
import { eventsEnvShape } from '@sx/events';
import { baseEnvSchema } from '@sx/runtime';

export const envSchema = baseEnvSchema.extend(eventsEnvShape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4002),
  /** Pause between auto-release runs. */
  AUTO_RELEASE_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
  /** Days a task stays DONE before it completes by itself (and the escrow is released); fractions allowed. */
  AUTO_RELEASE_DAYS: z.coerce.number().min(0).max(365).default(7),
  /** Overrides AUTO_RELEASE_DAYS with milliseconds (tests, staging). */
  AUTO_RELEASE_AFTER_MS: z.coerce.number().int().min(0).optional(),
  /** Tasks released per transaction. */
  AUTO_RELEASE_BATCH: z.coerce.number().int().min(1).max(1_000).default(100),
});

export type TasksConfig = z.infer<typeof envSchema>;
