export interface RetryLimits {
  /** Extra attempts after the first (SUBGRAPH_READ_RETRIES). */
  retries: number;
  /** Backoff before the first retry; doubles each time, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Full jitter (AWS architecture blog): a random wait up to the exponential bound, so retries of many callers spread out. */
export function jitteredDelayMs(attempt: number, limits: RetryLimits, random: () => number = Math.random): number {
  const boundMs = Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * boundMs);
}

/**
 * Runs a read, retrying failures `retryable` accepts with jittered backoff. Only for reads: a
 * mutation that failed in flight may have been applied, and repeating it could apply it twice.
 */
export async function retryRead<T>(call: () => Promise<T>, retryable: (err: unknown) => boolean, limits: RetryLimits, onRetry: () => void = () => undefined): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (attempt >= limits.retries || !retryable(err)) throw err;
      onRetry();
      await new Promise((resolve) => setTimeout(resolve, jitteredDelayMs(attempt, limits)));
    }
  }
}
