import { z } from 'zod';
import { eventsEnvShape } from '@sx/events';
import { baseEnvSchema } from '@sx/runtime';

export const envSchema = baseEnvSchema.extend(eventsEnvShape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4005),
  /** Days after completion in which a task may be reviewed; hidden reviews show when it closes. */
  REVIEW_WINDOW_DAYS: z.coerce.number().gt(0).max(365).default(14),
  /** Overrides REVIEW_WINDOW_DAYS with milliseconds (staging, tests). */
  REVIEW_WINDOW_MS: z.coerce.number().int().min(1).optional(),
  /** Pause between runs of the job that reveals reviews whose window closed. */
  REVIEW_REVEAL_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
  /** Reviews revealed per transaction. */
  REVIEW_REVEAL_BATCH: z.coerce.number().int().min(1).max(1_000).default(100),
});

export type ReviewsConfig = z.infer<typeof envSchema>;
