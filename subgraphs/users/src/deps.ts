import type { SignUpCounter } from './sign-up-metrics.js';
import type { Db } from '@sx/runtime';
import type { AccountEmailLimiter } from './commands/credentials/account-email-limiter.js';
import type { HashingGate } from './commands/credentials/hashing-gate.js';
import type { SignInLimiter } from './commands/credentials/sign-in-limiter.js';
import type { SignUpLimiter } from './commands/credentials/sign-up-limiter.js';

/** How sessions are issued: JWT_SECRET and REFRESH_TOKEN_TTL_DAYS. */
export interface SessionSettings {
  jwtSecret: string;
  refreshTokenTtlDays: number;
}

/** What users' commands are built from, once at start-up. */
export interface UsersDeps {
  db: Db;
  sessions: SessionSettings;
  /** Failed sign-in limits (Redis). */
  limiter: SignInLimiter;
  /** Sign-ups per address (Redis). */
  signUpLimiter: SignUpLimiter;
  /** Reset requests and mailed-link attempts per address (Redis). */
  accountEmailLimiter: AccountEmailLimiter;
  /** The bound on argon2 work running at once. */
  hashing: HashingGate;
  /** Sign-up attempts by outcome (ok, or the refusal's reason) for /metrics. */
  signUps: SignUpCounter;
}
