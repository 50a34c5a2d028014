/** A fixed-window counter's reading right after this attempt was counted. */
export interface WindowReading {
  /** Attempts in the current window, this one included. */
  count: number;
  /** Milliseconds until the window resets. */
  ttlMs: number;
}

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * The first `max` attempts of a window pass; the next is refused until the window resets.
 * Retry-after is rounded up, and at least 1 s, so a client that waits that long succeeds.
 */
export function judgeWindow(reading: WindowReading, max: number): RateVerdict {
  if (reading.count <= max) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(reading.ttlMs / 1000)) };
}
