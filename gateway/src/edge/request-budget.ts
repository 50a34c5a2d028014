import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from '@sx/runtime';
import { clientAddressKey, type Identity } from '@sx/core';

export interface RequestBudgetLimits {
  /** Cost a signed-in user may spend per window. */
  userPoints: number;
  /** Cost one address may spend per window on requests without a user (sign-in, browsing). */
  ipPoints: number;
  windowSeconds: number;
}

export type Charge = { allowed: true } | { allowed: false; retryAfterSeconds: number } | { allowed: false; sessionEnded: true };

/** What one request asks of its budget: who pays, how much, and the token's session if any. */
export interface ChargeRequest {
  identity: Identity;
  cost: number;
  /** The Redis key that says this request's session was signed out (ended-sessions.ts), if it names one. */
  endedSessionKey?: string | null;
}

/**
 * One script, so a signed-in request costs one Redis round trip, not two: has the session
 * ended (then nothing is charged), else spend `cost` from the budget. The budget part is
 * rate-limiter-flexible's own (a fixed window: SET NX EX, INCRBY, PTTL), on the same keys, so
 * instances of the previous version count into the same budgets during a rolling deploy.
 * KEYS[1] the budget, KEYS[2] (optional) the ended-session key; ARGV[1] cost, ARGV[2] window s.
 */
const CHARGE_SCRIPT = `
if #KEYS > 1 and redis.call('exists', KEYS[2]) == 1 then return {-1, 0} end
redis.call('set', KEYS[1], 0, 'EX', ARGV[2], 'NX')
local consumed = redis.call('incrby', KEYS[1], ARGV[1])
local ttl = redis.call('pttl', KEYS[1])
if ttl == -1 then
  redis.call('expire', KEYS[1], ARGV[2])
  ttl = 1000 * ARGV[2]
end
return {consumed, ttl}`;

/** The script as an ioredis command (EVALSHA, falling back to EVAL once per connection). */
interface ChargeCommand {
  sxChargeBudget(numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<[number, number]>;
}

/**
 * Every client request spends its cost (edge/query-cost.ts) from a budget in Redis, shared by
 * every gateway instance: a signed-in caller's own, or, signed out, their address's. When Redis
 * is unreachable each instance counts in memory instead, so an outage neither lets floods
 * through nor refuses everyone — except a request whose session cannot be checked, which is
 * refused as it was when the check was a round trip of its own.
 */
export class RequestBudget {
  private readonly redis: Redis & ChargeCommand;
  private readonly byUser: { prefix: string; memory: RateLimiterMemory };
  private readonly byIp: { prefix: string; memory: RateLimiterMemory };

  constructor(
    redis: Redis,
    keyPrefix: string,
    private readonly limits: RequestBudgetLimits,
  ) {
    redis.defineCommand('sxChargeBudget', { lua: CHARGE_SCRIPT });
    // defineCommand adds the method at run time; this is its type.
    this.redis = redis as Redis & ChargeCommand;
    const limiter = (name: string, points: number) => {
      const prefix = `${keyPrefix}budget:${name}`;
      return { prefix, memory: new RateLimiterMemory({ keyPrefix: prefix, points, duration: limits.windowSeconds }) };
    };
    this.byUser = limiter('user', limits.userPoints);
    this.byIp = limiter('ip', limits.ipPoints);
  }

  async charge(request: ChargeRequest): Promise<Charge> {
    const { identity, endedSessionKey } = request;
    const [limiter, key, capacity] = identity.userId
      ? [this.byUser, identity.userId, this.limits.userPoints]
      : [this.byIp, clientAddressKey(identity.ip), this.limits.ipPoints];
    // A request dearer than the whole budget empties it rather than never being allowed.
    const points = Math.min(request.cost, capacity);
    const budgetKey = `${limiter.prefix}:${key}`;
    const keys = endedSessionKey ? [budgetKey, endedSessionKey] : [budgetKey];
    let reply: [number, number];
    try {
      reply = await this.redis.sxChargeBudget(keys.length, ...keys, points, this.limits.windowSeconds);
    } catch (err) {
      // Without Redis a signed-out session cannot be told from a live one: refused (fail closed).
      if (endedSessionKey) throw err;
      return this.chargeInMemory(limiter.memory, key, points);
    }
    const [consumed, ttlMs] = reply;
    if (consumed < 0) return { allowed: false, sessionEnded: true };
    if (consumed <= capacity) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
  }

  private async chargeInMemory(memory: RateLimiterMemory, key: string, points: number): Promise<Charge> {
    try {
      await memory.consume(key, points);
      return { allowed: true };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
    }
  }
}
