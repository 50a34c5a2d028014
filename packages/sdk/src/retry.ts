import type { Result } from './result.js';

/** How often, and how far apart, a request the server called retryable is sent again. */
export const RETRY_MAX_ATTEMPTS = 8;
export const RETRY_DELAY_MS = 400;

/**
 * Sends `send` again while the server answers with a retryable error — e.g. a bid on a task
 * posted a moment ago, before bidding has heard of it (CONFLICT, retryable) — waiting a little
 * longer each time. Anything else, or the last attempt's answer, is returned as it is.
 */
export async function retryWhileRetryable<T>(send: () => Promise<Result<T>>, maxAttempts = RETRY_MAX_ATTEMPTS): Promise<Result<T>> {
  for (let attempt = 1; ; attempt += 1) {
    const result = await send();
    if (result.ok || !result.error.retryable || attempt >= maxAttempts) return result;
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
  }
}
