import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/**
 * A Redis client that fails commands fast instead of queueing them while disconnected. While
 * Redis is away ioredis reconnects by itself and reports every failed attempt as an 'error'
 * event; without a listener it prints "[ioredis] Unhandled error event" and a stack for each,
 * several a second. So an outage is logged once, when it starts, and once more when it ends.
 */
export function createRedis(url: string, log: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  let away = false;
  redis.on('error', (err: Error) => {
    if (away) return;
    away = true;
    log.warn({ err: err.message }, 'redis unreachable; reconnecting (logged once per outage)');
  });
  redis.on('ready', () => {
    if (!away) return;
    away = false;
    log.info('redis reachable again');
  });
  return redis;
}

export type { Redis };
