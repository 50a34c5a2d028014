import { fileURLToPath } from 'node:url';
import { createRedis, loadTypeDefs, runService } from '@sx/runtime';
import { warmUpPasswordHashing } from './auth/password-hashing.js';
import { createSignInLimiter } from './auth/sign-in-limiter.js';
import { envSchema, rateLimitKeyPrefix, type UsersConfig } from './env.js';
import { createLoaders, type UserLoaders } from './loaders.js';
import { createResolvers } from './resolvers/index.js';

await runService<UsersConfig, UserLoaders>({
  name: 'users',
  envSchema,
  migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
  typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
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
    return {
      resolvers: createResolvers({ db, config, limiter }),
      createLoaders: () => createLoaders(db),
      onShutdown: async () => {
        await redis.quit();
      },
    };
  },
});
