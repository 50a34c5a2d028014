import { createHash } from 'node:crypto';
import type { Redis } from '@sx/runtime';
import { RateLimited } from '@sx/core';
import { judgeWindow, type WindowReading } from '../../domain/rate-limit.js';

// INCR and the expiry of a new window in one atomic step: a crash between the two can never
// leave a counter without expiry, and concurrent attempts each see a distinct count.
const HIT_WINDOW_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

export interface SignInLimits {
  emailMaxFailures: number;
  emailWindowSeconds: number;
  ipMaxAttempts: number;
  ipWindowSeconds: number;
}

export interface SignInLimiter {
  /** Counts one attempt for the IP and the email; throws RATE_LIMITED when either is over its limit. */
  admit(args: { email: string; ip: string | null }): Promise<void>;
  /** After a successful sign-in: earlier failures for this email no longer count. */
  forgetFailures(email: string): Promise<void>;
}

/**
 * Fixed-window counters in Redis. The email counter is incremented before the password is
 * checked and cleared on success, so it counts failures since the last success, and a burst of
 * parallel guesses gets exactly `emailMaxFailures` checks, not one per request in flight.
 */
export function createSignInLimiter(opts: { redis: Redis; keyPrefix: string; limits: SignInLimits }): SignInLimiter {
  const { redis, keyPrefix, limits } = opts;
  // Emails are personal data: keys hold a digest, not the address.
  const emailKey = (email: string) => `${keyPrefix}signin:email:${createHash('sha256').update(email).digest('base64url')}`;
  const ipKey = (ip: string) => `${keyPrefix}signin:ip:${ip}`;

  const hit = async (key: string, windowSeconds: number): Promise<WindowReading> => {
    const reply = (await redis.eval(HIT_WINDOW_SCRIPT, 1, key, windowSeconds * 1000)) as [number, number];
    return { count: reply[0], ttlMs: reply[1] };
  };

  return {
    async admit({ email, ip }) {
      // Without an address (a call not made through the gateway for a client) only the email limit applies.
      if (ip) {
        const verdict = judgeWindow(await hit(ipKey(ip), limits.ipWindowSeconds), limits.ipMaxAttempts);
        if (!verdict.allowed) {
          throw new RateLimited(
            'TOO_MANY_SIGN_IN_ATTEMPTS',
            `Too many sign-in attempts from your network; try again in ${verdict.retryAfterSeconds} seconds.`,
            verdict.retryAfterSeconds,
          );
        }
      }
      const verdict = judgeWindow(await hit(emailKey(email), limits.emailWindowSeconds), limits.emailMaxFailures);
      if (!verdict.allowed) {
        throw new RateLimited(
          'TOO_MANY_SIGN_IN_ATTEMPTS',
          `Too many failed sign-in attempts for this email; try again in ${verdict.retryAfterSeconds} seconds.`,
          verdict.retryAfterSeconds,
        );
      }
    },
    async forgetFailures(email) {
      await redis.del(emailKey(email));
    },
  };
}
