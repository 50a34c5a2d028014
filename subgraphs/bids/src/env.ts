import { z } from 'zod';
import { baseEnvSchema } from '@sx/runtime';

export const envSchema = baseEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4003),
});

export type BidsConfig = z.infer<typeof envSchema>;
