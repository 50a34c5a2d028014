import type { Redis } from '@sx/runtime';
import { clientAddressKey, RateLimited } from '@sx/core';
import { judgeWindow } from '../../domain/rate-limit.js';

// INCR and the expiry of a new window in one atomic step: a crash between the two can never
// leave a counter without expiry, and concurrent attempts each see a distinct count.
const HIT_WINDOW_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
`;

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
      const [count, ttlMs] = (await opts.redis.eval(HIT_WINDOW_SCRIPT, 1, key, opts.windowSeconds * 1000)) as [number, number];
      const verdict = judgeWindow({ count, ttlMs }, opts.maxAttempts);
      if (verdict.allowed) return;
      throw new RateLimited(
        'TOO_MANY_SIGN_UPS',
        `Too many sign-ups from your network; try again in ${verdict.retryAfterSeconds} seconds.`,
        verdict.retryAfterSeconds,
      );
    },
  };
}
