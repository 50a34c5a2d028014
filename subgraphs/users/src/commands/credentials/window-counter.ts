import type { Redis } from '@sx/runtime';
import type { WindowReading } from '../../domain/rate-limit.js';

// INCR and the expiry of a new window in one atomic step: a crash between the two can never
// leave a counter without expiry, and concurrent attempts each see a distinct count.
const HIT_WINDOW_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
`;

/** Counts one attempt in the fixed window at `key` and reads the window back. */
export async function hitWindow(redis: Redis, key: string, windowSeconds: number): Promise<WindowReading> {
  const [count, ttlMs] = (await redis.eval(HIT_WINDOW_SCRIPT, 1, key, windowSeconds * 1000)) as [number, number];
  return { count, ttlMs };
}
