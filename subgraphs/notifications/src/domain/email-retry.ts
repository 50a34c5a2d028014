/** What to do with an email after a failed try. */
export type AfterFailure = { retryAt: Date } | { failed: true };

/**
 * A 5xx answer is permanent (no such mailbox, refused): recorded as failed at once. Anything else
 * (4xx, the server unreachable, a timeout) is retried with exponential backoff until the attempts
 * run out.
 */
export function afterFailure(opts: { responseCode: number | null; attempts: number; maxAttempts: number; baseMs: number; maxMs: number; now: Date }): AfterFailure {
  const permanent = opts.responseCode !== null && opts.responseCode >= 500 && opts.responseCode < 600;
  if (permanent || opts.attempts >= opts.maxAttempts) return { failed: true };
  const delay = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, opts.attempts - 1));
  return { retryAt: new Date(opts.now.getTime() + delay) };
}
