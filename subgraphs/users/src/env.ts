import { z } from 'zod';
import { eventsEnvShape } from '@sx/events';
import { baseEnvSchema, secretSchema } from '@sx/runtime';

const positiveInt = z.coerce.number().int().positive();

export const envSchema = baseEnvSchema.extend(eventsEnvShape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  /** Required here: users signs the access tokens with it. */
  JWT_SECRET: secretSchema,
  /** Lifetime of each refresh token; every rotation issues a new one with a fresh lifetime. */
  REFRESH_TOKEN_TTL_DAYS: positiveInt.max(365).default(30),
  /** Failed sign-ins for one account from one address per window (docs/security.md). */
  SIGNIN_PAIR_MAX_FAILURES: positiveInt.max(1_000).default(5),
  SIGNIN_PAIR_WINDOW_SECONDS: positiveInt.max(86_400).default(15 * 60),
  /** Failed sign-ins from one address, over all accounts, per window. */
  SIGNIN_IP_MAX_FAILURES: positiveInt.max(1_000_000).default(50),
  SIGNIN_IP_WINDOW_SECONDS: positiveInt.max(86_400).default(15 * 60),
  /** Failures for one account from everywhere before each further attempt waits a backoff. */
  SIGNIN_ACCOUNT_FAILURES_BEFORE_BACKOFF: positiveInt.max(10_000).default(20),
  SIGNIN_ACCOUNT_WINDOW_SECONDS: positiveInt.max(7 * 86_400).default(60 * 60),
  /** The backoff starts here and doubles with each further failure, up to the maximum. */
  SIGNIN_BACKOFF_BASE_SECONDS: positiveInt.max(3_600).default(1),
  SIGNIN_BACKOFF_MAX_SECONDS: positiveInt.max(86_400).default(15 * 60),
  /** An address that signed in to an account skips that account's backoff for this long. */
  SIGNIN_KNOWN_ADDRESS_DAYS: positiveInt.max(365).default(30),
  /** Sign-ups from one address per window (each runs an argon2 hash). */
  SIGNUP_IP_MAX_ATTEMPTS: positiveInt.max(1_000_000).default(10),
  SIGNUP_IP_WINDOW_SECONDS: positiveInt.max(86_400).default(60 * 60),
  /** requestPasswordReset calls from one address per window, known and unknown emails alike. */
  RESET_REQUEST_IP_MAX_ATTEMPTS: positiveInt.max(1_000_000).default(10),
  RESET_REQUEST_IP_WINDOW_SECONDS: positiveInt.max(86_400).default(60 * 60),
  /** verifyEmail and resetPassword calls (together) from one address per window. */
  ACCOUNT_LINK_IP_MAX_ATTEMPTS: positiveInt.max(1_000_000).default(20),
  ACCOUNT_LINK_IP_WINDOW_SECONDS: positiveInt.max(86_400).default(60 * 60),
  /** argon2 hashes and verifications running at once; more wait, then get RATE_LIMITED. */
  PASSWORD_HASH_CONCURRENCY: positiveInt.max(64).default(4),
  PASSWORD_HASH_MAX_WAIT_MS: positiveInt.max(60_000).default(2_000),
  PASSWORD_HASH_MAX_QUEUE: positiveInt.max(10_000).default(64),
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
