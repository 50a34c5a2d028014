import type { Redis } from '@sx/runtime';
import { clientAddressKey, RateLimited } from '@sx/core';
import { judgeWindow } from '../../domain/rate-limit.js';
import { hitWindow } from './window-counter.js';

/** What each address may do per window with the account-email mutations (docs/security.md). */
export interface AccountEmailLimits {
  /** requestPasswordReset calls per address, whatever address they name and whether it has an account. */
  resetRequestsPerIp: number;
  resetRequestWindowSeconds: number;
  /** verifyEmail and resetPassword calls per address together: both spend a mailed token. */
  tokenAttemptsPerIp: number;
  tokenAttemptWindowSeconds: number;
}

export type AccountEmailFlow = 'RESET_REQUEST' | 'TOKEN';

export interface AccountEmailLimiter {
  /** Counts one call of the flow from the address; throws RATE_LIMITED when it has made too many. */
  admit(flow: AccountEmailFlow, ip: string | null): Promise<void>;
}

const REFUSALS = {
  RESET_REQUEST: { reason: 'TOO_MANY_PASSWORD_RESET_REQUESTS', what: 'password reset requests' },
  TOKEN: { reason: 'TOO_MANY_ACCOUNT_LINK_ATTEMPTS', what: 'verification and reset links tried' },
} as const;

/**
 * Per-address fixed windows on the account-email mutations, every call counted: a reset request
 * sends mail to someone else's inbox, and a token attempt is a guess until it succeeds. A reset
 * request is counted before the address is looked up, so a known and an unknown email are limited
 * alike and the answer still tells nothing. Calls without an address are not limited here.
 */
export function createAccountEmailLimiter(opts: { redis: Redis; keyPrefix: string; limits: AccountEmailLimits }): AccountEmailLimiter {
  const { limits } = opts;
  const windows = {
    RESET_REQUEST: { max: limits.resetRequestsPerIp, seconds: limits.resetRequestWindowSeconds },
    TOKEN: { max: limits.tokenAttemptsPerIp, seconds: limits.tokenAttemptWindowSeconds },
  };
  return {
    async admit(flow, ip) {
      if (!ip) return;
      const key = `${opts.keyPrefix}account-email:${flow.toLowerCase()}:ip:${clientAddressKey(ip)}`;
      const verdict = judgeWindow(await hitWindow(opts.redis, key, windows[flow].seconds), windows[flow].max);
      if (verdict.allowed) return;
      const { reason, what } = REFUSALS[flow];
      throw new RateLimited(reason, `Too many ${what} from your network; try again in ${verdict.retryAfterSeconds} seconds.`, verdict.retryAfterSeconds);
    },
  };
}
