import { runEventService, taskHidden, taskUnhidden } from '@sx/events';
import { auditTaskHidden, auditTaskUnhidden } from './commands/audit-task-moderation.js';
import { createRedis } from '@sx/runtime';
import { warmUpPasswordHashing } from './commands/credentials/password-hashing.js';
import { createAccountEmailLimiter } from './commands/credentials/account-email-limiter.js';
import { HashingGate } from './commands/credentials/hashing-gate.js';
import { createSignInLimiter } from './commands/credentials/sign-in-limiter.js';
import { createSignUpLimiter } from './commands/credentials/sign-up-limiter.js';
import { deadLetters, inbox, outbox } from './db/tables.js';
import type { UsersDeps } from './deps.js';
import { envSchema, rateLimitKeyPrefix, type UsersConfig } from './env.js';
import { createLoaders, type UserLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';
import { signUpCounter } from './sign-up-metrics.js';

await runEventService<UsersConfig, UserLoaders>({
  name: 'users',
  entry: import.meta.url,
  envSchema,
  tables: { outbox, inbox, deadLetters },
  // The audit log is users': moderation that tasks performs arrives here by event.
  consumers: [{ name: 'users_from_tasks', domain: 'tasks', subscribe: (c) => c.on(taskHidden, auditTaskHidden).on(taskUnhidden, auditTaskUnhidden) }],
  loaders: createLoaders,
  wire: async ({ db, config, metrics, log }) => {
    const redis = createRedis(config.REDIS_URL, log);
    const keyPrefix = rateLimitKeyPrefix(config);
    const limiter = createSignInLimiter({
      redis,
      keyPrefix,
      limits: {
        pairMaxFailures: config.SIGNIN_PAIR_MAX_FAILURES,
        pairWindowSeconds: config.SIGNIN_PAIR_WINDOW_SECONDS,
        ipMaxFailures: config.SIGNIN_IP_MAX_FAILURES,
        ipWindowSeconds: config.SIGNIN_IP_WINDOW_SECONDS,
        accountFailuresBeforeBackoff: config.SIGNIN_ACCOUNT_FAILURES_BEFORE_BACKOFF,
        accountWindowSeconds: config.SIGNIN_ACCOUNT_WINDOW_SECONDS,
        backoffBaseSeconds: config.SIGNIN_BACKOFF_BASE_SECONDS,
        backoffMaxSeconds: config.SIGNIN_BACKOFF_MAX_SECONDS,
        knownAddressDays: config.SIGNIN_KNOWN_ADDRESS_DAYS,
      },
    });
    const signUpLimiter = createSignUpLimiter({ redis, keyPrefix, maxAttempts: config.SIGNUP_IP_MAX_ATTEMPTS, windowSeconds: config.SIGNUP_IP_WINDOW_SECONDS });
    const accountEmailLimiter = createAccountEmailLimiter({
      redis,
      keyPrefix,
      limits: {
        resetRequestsPerIp: config.RESET_REQUEST_IP_MAX_ATTEMPTS,
        resetRequestWindowSeconds: config.RESET_REQUEST_IP_WINDOW_SECONDS,
        tokenAttemptsPerIp: config.ACCOUNT_LINK_IP_MAX_ATTEMPTS,
        tokenAttemptWindowSeconds: config.ACCOUNT_LINK_IP_WINDOW_SECONDS,
      },
    });
    const hashing = new HashingGate({
      concurrency: config.PASSWORD_HASH_CONCURRENCY,
      maxWaitMs: config.PASSWORD_HASH_MAX_WAIT_MS,
      maxQueue: config.PASSWORD_HASH_MAX_QUEUE,
    });
    await warmUpPasswordHashing();
    const deps: UsersDeps = {
      db,
      limiter,
      signUpLimiter,
      accountEmailLimiter,
      hashing,
      signUps: signUpCounter(metrics.registry),
      sessions: { jwtSecret: config.JWT_SECRET, refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS },
    };
    return {
      resolvers: createResolvers(deps),
      onShutdown: async () => {
        await redis.quit();
      },
    };
  },
});
