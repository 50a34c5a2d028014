import { runEventService } from '@sx/events';
import { createRedis } from '@sx/runtime';
import { warmUpPasswordHashing } from './commands/credentials/password-hashing.js';
import { createSignInLimiter } from './commands/credentials/sign-in-limiter.js';
import { deadLetters, inbox, outbox } from './db/tables.js';
import type { UsersDeps } from './deps.js';
import { envSchema, rateLimitKeyPrefix, type UsersConfig } from './env.js';
import { createLoaders, type UserLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

// Publishes only (users.user.signed_up); users consumes nothing yet.
await runEventService<UsersConfig, UserLoaders>({
  name: 'users',
  entry: import.meta.url,
  envSchema,
  tables: { outbox, inbox, deadLetters },
  loaders: createLoaders,
  wire: async ({ db, config }) => {
    const redis = createRedis(config.REDIS_URL);
    const limiter = createSignInLimiter({
      redis,
      keyPrefix: rateLimitKeyPrefix(config),
      limits: {
        emailMaxFailures: config.SIGNIN_EMAIL_MAX_FAILURES,
        emailWindowSeconds: config.SIGNIN_EMAIL_WINDOW_SECONDS,
        ipMaxAttempts: config.SIGNIN_IP_MAX_ATTEMPTS,
        ipWindowSeconds: config.SIGNIN_IP_WINDOW_SECONDS,
      },
    });
    await warmUpPasswordHashing();
    const deps: UsersDeps = { db, limiter, sessions: { jwtSecret: config.JWT_SECRET, refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS } };
    return {
      resolvers: createResolvers(deps),
      onShutdown: async () => {
        await redis.quit();
      },
    };
  },
});
