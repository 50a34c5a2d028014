import type { ReasonEntry } from './codes.js';

/** Refusals of accounts and sessions (users subgraph). */
export const USERS_REASONS = {
  INVALID_ACCOUNT_TOKEN: { code: 'BAD_USER_INPUT', description: 'The verification or reset link was used already, has expired, or is not one users sent; ask for a new one.' },
  WEAK_PASSWORD: { code: 'BAD_USER_INPUT', description: 'The password does not meet the policy; the message lists what is missing.' },
  ADMIN_ROLE_NOT_SELF_ASSIGNABLE: { code: 'FORBIDDEN', description: 'The ADMIN role cannot be chosen at sign-up.' },
  WRONG_CREDENTIALS: { code: 'UNAUTHENTICATED', description: 'The email or the password is wrong (which one is not said).' },
  REFRESH_TOKEN_INVALID: { code: 'UNAUTHENTICATED', description: 'The refresh token is unknown or expired; sign in again.' },
  SESSION_ENDED: { code: 'UNAUTHENTICATED', description: 'The session was signed out or revoked; sign in again.' },
  REFRESH_TOKEN_REUSED: {
    code: 'UNAUTHENTICATED',
    description: 'An already rotated refresh token was presented, so its whole session was ended for safety; sign in again.',
  },
  TOO_MANY_SIGN_IN_ATTEMPTS: {
    code: 'RATE_LIMITED',
    description: 'Too many failed sign-ins for this account from this network, from this network overall, or for this account from everywhere; wait `retryAfterSeconds`.',
  },
  TOO_MANY_SIGN_UPS: { code: 'RATE_LIMITED', description: 'Too many sign-ups from this network; wait `retryAfterSeconds`.' },
  TOO_MANY_PASSWORD_RESET_REQUESTS: {
    code: 'RATE_LIMITED',
    description: 'Too many password reset requests from this network, for any addresses, known or not; wait `retryAfterSeconds`.',
  },
  TOO_MANY_ACCOUNT_LINK_ATTEMPTS: {
    code: 'RATE_LIMITED',
    description: 'Too many verification and reset links tried (verifyEmail, resetPassword) from this network; wait `retryAfterSeconds`.',
  },
  ACCOUNT_SUSPENDED: { code: 'FORBIDDEN', description: 'An administrator suspended this account; it cannot sign in until the suspension is lifted.' },
  CANNOT_SUSPEND_SELF: { code: 'BAD_USER_INPUT', description: 'An administrator cannot suspend their own account.' },
  PASSWORD_CHECKS_BUSY: {
    code: 'RATE_LIMITED',
    description: 'Too many password checks are running at once (each takes memory and CPU on purpose); retry after `retryAfterSeconds`.',
  },
} as const satisfies Record<string, ReasonEntry>;
