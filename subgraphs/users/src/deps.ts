import type { Db } from '@sx/runtime';
import type { SignInLimiter } from './auth/sign-in-limiter.js';
import type { UsersConfig } from './env.js';

/** What the resolvers of this subgraph are built from, once at start-up. */
export interface UsersDeps {
  db: Db;
  config: UsersConfig;
  limiter: SignInLimiter;
}
