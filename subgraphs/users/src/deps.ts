import type { Db } from '@sx/runtime';
import type { SignInLimiter } from './commands/credentials/sign-in-limiter.js';

/** How sessions are issued: JWT_SECRET and REFRESH_TOKEN_TTL_DAYS. */
export interface SessionSettings {
  jwtSecret: string;
  refreshTokenTtlDays: number;
}

/** What users' commands are built from, once at start-up. */
export interface UsersDeps {
  db: Db;
  sessions: SessionSettings;
  /** Sign-in attempt limits (Redis). */
  limiter: SignInLimiter;
}
