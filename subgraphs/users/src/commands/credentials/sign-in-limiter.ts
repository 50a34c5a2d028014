import { createHash } from 'node:crypto';
import type { Redis } from '@sx/runtime';
import { clientAddressKey, RateLimited } from '@sx/core';

// Checks every bucket, then reserves one failure in each, in one atomic step: concurrent guesses
// each see the reservations of the others, so a parallel burst gets exactly the allowed number
// of password checks. A success gives its reservation back (see FORGIVE_SCRIPT): only failures
// stay counted. Returns {0, 0} when admitted, else {bucket, milliseconds to wait}.
const ADMIT_SCRIPT = `
local now = tonumber(ARGV[1])
local function full(key, max)
  if tonumber(redis.call('GET', key) or '0') < max then return -1 end
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then return 0 end
  return ttl
end
local wait = full(KEYS[1], tonumber(ARGV[2]))
if wait >= 0 then return {1, wait} end
wait = full(KEYS[2], tonumber(ARGV[4]))
if wait >= 0 then return {2, wait} end
if redis.call('EXISTS', KEYS[4]) == 0 then
  local failures = tonumber(redis.call('HGET', KEYS[3], 'n') or '0')
  local threshold = tonumber(ARGV[6])
  if failures >= threshold then
    local last = tonumber(redis.call('HGET', KEYS[3], 'last') or '0')
    local delay = math.min(tonumber(ARGV[8]) * (2 ^ (failures - threshold)), tonumber(ARGV[9]))
    if now < last + delay then return {3, last + delay - now} end
  end
end
for i, window in ipairs({ARGV[3], ARGV[5]}) do
  if redis.call('INCR', KEYS[i]) == 1 or redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], window) end
end
redis.call('HINCRBY', KEYS[3], 'n', 1)
redis.call('HSET', KEYS[3], 'last', now)
redis.call('PEXPIRE', KEYS[3], ARGV[7])
return {0, 0}
`;

// After a success: the (account, address) failures are forgiven, the address and the account
// get back the one reservation this attempt made, and the address becomes known to the account.
const FORGIVE_SCRIPT = `
redis.call('DEL', KEYS[1])
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
if tonumber(redis.call('HGET', KEYS[3], 'n') or '0') > 0 then redis.call('HINCRBY', KEYS[3], 'n', -1) end
redis.call('SET', KEYS[4], '1', 'PX', ARGV[1])
return 1
`;

export interface SignInLimits {
  /** Failures for one account from one address, per window: the attacker's own bucket. */
  pairMaxFailures: number;
  pairWindowSeconds: number;
  /** Failures from one address over all accounts (password spraying), per window. */
  ipMaxFailures: number;
  ipWindowSeconds: number;
  /** Failures for one account from everywhere before each further attempt must wait a backoff. */
  accountFailuresBeforeBackoff: number;
  accountWindowSeconds: number;
  backoffBaseSeconds: number;
  backoffMaxSeconds: number;
  /** How long an address that signed in to an account stays exempt from that account's backoff. */
  knownAddressDays: number;
}

export interface SignInLimiter {
  /** Reserves one failure in each bucket; throws RATE_LIMITED when one of them is spent. */
  admit(args: { email: string; ip: string | null }): Promise<void>;
  /** After a successful sign-in: gives the reservation back and remembers the address. */
  forgive(args: { email: string; ip: string | null }): Promise<void>;
}

const MESSAGES = {
  1: 'Too many failed sign-ins for this account from your network',
  2: 'Too many failed sign-ins from your network',
  3: 'Too many failed sign-ins for this account',
} as const;

/**
 * Sign-in limits that stop guessing without locking the owner out (docs/security.md): failures
 * only, counted per (account, address), per address, and per account, where the per-account
 * count only slows attempts down by a growing backoff, and not from addresses the owner has
 * signed in from. So five wrong passwords from one network never lock out the owner elsewhere.
 */
export function createSignInLimiter(opts: { redis: Redis; keyPrefix: string; limits: SignInLimits }): SignInLimiter {
  const { redis, keyPrefix, limits } = opts;
  const keysOf = ({ email, ip }: { email: string; ip: string | null }) => {
    // Emails are personal data: keys hold a digest, not the address.
    const account = createHash('sha256').update(email).digest('base64url');
    const address = clientAddressKey(ip);
    return [`${keyPrefix}signin:pair:${account}:${address}`, `${keyPrefix}signin:ip:${address}`, `${keyPrefix}signin:account:${account}`, `${keyPrefix}signin:known:${account}:${address}`];
  };

  return {
    async admit(args) {
      const reply = (await redis.eval(
        ADMIT_SCRIPT,
        4,
        ...keysOf(args),
        Date.now(),
        limits.pairMaxFailures,
        limits.pairWindowSeconds * 1000,
        // Without an address (a call not made through the gateway for a client) there is no per-address bucket.
        args.ip ? limits.ipMaxFailures : Number.MAX_SAFE_INTEGER,
        limits.ipWindowSeconds * 1000,
        limits.accountFailuresBeforeBackoff,
        limits.accountWindowSeconds * 1000,
        limits.backoffBaseSeconds * 1000,
        limits.backoffMaxSeconds * 1000,
      )) as [number, number];
      const [bucket, waitMs] = reply;
      if (bucket === 0) return;
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new RateLimited('TOO_MANY_SIGN_IN_ATTEMPTS', `${MESSAGES[bucket as 1 | 2 | 3]}; try again in ${seconds} seconds.`, seconds);
    },
    async forgive(args) {
      await redis.eval(FORGIVE_SCRIPT, 4, ...keysOf(args), limits.knownAddressDays * 86_400_000);
    },
  };
}
