import { z } from 'zod';
import { eventsEnvShape } from '@sx/events';
import { baseEnvSchema } from '@sx/runtime';

export const envSchema = baseEnvSchema.extend(eventsEnvShape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4005),
});

export type ReviewsConfig = z.infer<typeof envSchema>;
