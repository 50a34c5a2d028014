import type { ReasonEntry } from './codes.js';

/** Refusals of accounts and sessions (users subgraph). */
export const USERS_REASONS = {
  EMAIL_TAKEN: { code: 'CONFLICT', description: 'An account with this email already exists.' },
  WEAK_PASSWORD: { code: 'BAD_USER_INPUT', description: 'The password does not meet the policy; the message lists what is missing.' },
  ADMIN_ROLE_NOT_SELF_ASSIGNABLE: { code: 'FORBIDDEN', description: 'The ADMIN role cannot be chosen at sign-up.' },
  WRONG_CREDENTIALS: { code: 'UNAUTHENTICATED', description: 'The email or the password is wrong (which one is not said).' },
  REFRESH_TOKEN_INVALID: { code: 'UNAUTHENTICATED', description: 'The refresh token is unknown or expired; sign in again.' },
  SESSION_ENDED: { code: 'UNAUTHENTICATED', description: 'The session was signed out or revoked; sign in again.' },
  REFRESH_TOKEN_REUSED: {
    code: 'UNAUTHENTICATED',
    description: 'An already rotated refresh token was presented, so its whole session was ended for safety; sign in again.',
  },
  TOO_MANY_SIGN_IN_ATTEMPTS: { code: 'RATE_LIMITED', description: 'Too many sign-in attempts; wait `retryAfterSeconds`.' },
} as const satisfies Record<string, ReasonEntry>;
