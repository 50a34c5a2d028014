import { fileURLToPath } from 'node:url';
import { EventRuntime, startEvents } from '@sx/events';
import { createRedis, loadTypeDefs, runService } from '@sx/runtime';
import { warmUpPasswordHashing } from './commands/credentials/password-hashing.js';
import { createSignInLimiter } from './commands/credentials/sign-in-limiter.js';
import { deadLetters, inbox, outbox } from './db/tables.js';
import type { UsersDeps } from './deps.js';
import { envSchema, rateLimitKeyPrefix, type UsersConfig } from './env.js';
import { createLoaders, type UserLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

await runService<UsersConfig, UserLoaders>({
  name: 'users',
  envSchema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
  wire: async ({ db, config, log, metrics }) => {
    // Publishes only (users.user.signed_up); users consumes nothing yet.
    const events = new EventRuntime({ service: 'users', config, db, log, registry: metrics.registry, tables: { outbox, inbox, deadLetters } });
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
    const started = startEvents(events);
    return {
      resolvers: createResolvers(deps),
      createLoaders: () => createLoaders(db),
      ...started,
      onShutdown: async () => {
        await started.onShutdown();
        await redis.quit();
      },
    };
  },
});
