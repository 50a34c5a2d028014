import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from '@sx/runtime';
import { clientAddressKey } from '@sx/core';

type VerifyClient = (
  info: { req: IncomingMessage },
  done: (allowed: boolean, status?: number, message?: string, headers?: Record<string, string>) => void,
) => void;

/**
 * WebSocket connection attempts per client address (WS_CONNECT_ATTEMPTS_PER_IP per window,
 * counted in Redis over every gateway instance), checked on the HTTP upgrade: an address over
 * its budget gets HTTP 429 with Retry-After before any socket, token check or subscription
 * exists. Without Redis each instance counts alone.
 */
export function connectAttemptGate(opts: {
  redis: Redis;
  keyPrefix: string;
  attempts: number;
  windowSeconds: number;
  clientIp: (request: IncomingMessage) => string | null;
  onRefused: () => void;
}): VerifyClient {
  const keyPrefix = `${opts.keyPrefix}ws-connect`;
  const limiter = new RateLimiterRedis({
    storeClient: opts.redis,
    keyPrefix,
    points: opts.attempts,
    duration: opts.windowSeconds,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: opts.attempts, duration: opts.windowSeconds }),
  });
  return ({ req }, done) => {
    limiter.consume(clientAddressKey(opts.clientIp(req))).then(
      () => done(true),
      (refusal: unknown) => {
        if (!(refusal instanceof RateLimiterRes)) return done(false, 503, 'Service Unavailable');
        opts.onRefused();
        const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        done(false, 429, 'Too Many Requests', { 'Retry-After': String(seconds) });
      },
    );
  };
}
