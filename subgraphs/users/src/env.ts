import { z } from 'zod';
import { eventsEnvShape } from '@sx/events';
import { baseEnvSchema } from '@sx/runtime';

const positiveInt = z.coerce.number().int().positive();

export const envSchema = baseEnvSchema.extend(eventsEnvShape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  /** Lifetime of each refresh token; every rotation issues a new one with a fresh lifetime. */
  REFRESH_TOKEN_TTL_DAYS: positiveInt.max(365).default(30),
  /** Failed sign-ins allowed per email within the window before further attempts are refused. */
  SIGNIN_EMAIL_MAX_FAILURES: positiveInt.default(5),
  SIGNIN_EMAIL_WINDOW_SECONDS: positiveInt.default(15 * 60),
  /** Sign-in attempts (failed or not) allowed per client IP within the window. */
  SIGNIN_IP_MAX_ATTEMPTS: positiveInt.default(20),
  SIGNIN_IP_WINDOW_SECONDS: positiveInt.default(15 * 60),
  /**
   * Namespace of the rate-limit keys in Redis. Defaults to one derived from the database name, so
   * environments (and test runs, each with a fresh database) sharing a Redis never share counters.
   */
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).optional(),
});

export type UsersConfig = z.infer<typeof envSchema>;

/** The Redis key namespace for this process's rate limits. */
export function rateLimitKeyPrefix(config: UsersConfig): string {
  if (config.RATE_LIMIT_KEY_PREFIX) return config.RATE_LIMIT_KEY_PREFIX;
  const database = decodeURIComponent(new URL(config.DATABASE_URL).pathname.slice(1));
  return `sx:${database}:users:`;
}
