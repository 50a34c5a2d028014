import type { Redis } from '@sx/runtime';
import { clientAddressKey, RateLimited } from '@sx/core';
import { judgeWindow } from '../../domain/rate-limit.js';
import { hitWindow } from './window-counter.js';

export interface SignUpLimiter {
  /** Counts one sign-up from the address; throws RATE_LIMITED when it has made too many. */
  admit(ip: string | null): Promise<void>;
}

/**
 * Sign-ups per client address in a fixed window (SIGNUP_IP_MAX_ATTEMPTS per
 * SIGNUP_IP_WINDOW_SECONDS), every attempt counted: each one runs an argon2 hash, and making
 * accounts in bulk is itself what the limit is for. Calls without an address are not limited here.
 */
export function createSignUpLimiter(opts: { redis: Redis; keyPrefix: string; maxAttempts: number; windowSeconds: number }): SignUpLimiter {
  return {
    async admit(ip) {
      if (!ip) return;
      const key = `${opts.keyPrefix}signup:ip:${clientAddressKey(ip)}`;
      const verdict = judgeWindow(await hitWindow(opts.redis, key, opts.windowSeconds), opts.maxAttempts);
      if (verdict.allowed) return;
      throw new RateLimited(
        'TOO_MANY_SIGN_UPS',
        `Too many sign-ups from your network; try again in ${verdict.retryAfterSeconds} seconds.`,
        verdict.retryAfterSeconds,
      );
    },
  };
}
