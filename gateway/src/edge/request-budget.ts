import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from '@sx/runtime';
import { clientAddressKey, type Identity } from '@sx/core';

export interface RequestBudgetLimits {
  /** Cost a signed-in user may spend per window. */
  userPoints: number;
  /** Cost one address may spend per window on requests without a user (sign-in, browsing). */
  ipPoints: number;
  windowSeconds: number;
}

export type Charge = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Every client request spends its cost (edge/query-cost.ts) from a budget in Redis, shared by
 * every gateway instance: a signed-in caller's own, or, signed out, their address's. When Redis
 * is unreachable each instance counts in memory instead, so an outage neither lets floods
 * through nor refuses everyone.
 */
export class RequestBudget {
  private readonly byUser: RateLimiterRedis;
  private readonly byIp: RateLimiterRedis;

  constructor(
    redis: Redis,
    keyPrefix: string,
    private readonly limits: RequestBudgetLimits,
  ) {
    const limiter = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${keyPrefix}budget:${name}`,
        points,
        duration: limits.windowSeconds,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${keyPrefix}budget:${name}`, points, duration: limits.windowSeconds }),
      });
    this.byUser = limiter('user', limits.userPoints);
    this.byIp = limiter('ip', limits.ipPoints);
  }

  async charge(identity: Identity, cost: number): Promise<Charge> {
    const [limiter, key, capacity] = identity.userId
      ? [this.byUser, identity.userId, this.limits.userPoints]
      : [this.byIp, clientAddressKey(identity.ip), this.limits.ipPoints];
    try {
      // A request dearer than the whole budget empties it rather than never being allowed.
      await limiter.consume(key, Math.min(cost, capacity));
      return { allowed: true };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
    }
  }
}
