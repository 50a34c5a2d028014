import { clockNow, runFullBatches, startRepeatingJob, type Logger, type RepeatingJob } from '@sx/runtime';
import { revealDueReviews } from '../commands/reveal-due-reviews.js';
import type { ReviewsDeps } from '../deps.js';
import { revealCutoff } from '../domain/review-window.js';

/** Batches one run may take in a row when every batch comes back full (catching up after downtime). */
export const REVEAL_MAX_BATCHES_PER_RUN = 10;

export interface RevealReviewsOptions extends ReviewsDeps {
  log: Logger;
  /** REVIEW_REVEAL_INTERVAL_MS: pause between runs. */
  intervalMs: number;
  /** REVIEW_REVEAL_BATCH: reviews per transaction. */
  batchSize: number;
}

/** One run: batches until one comes back short (or the per-run bound is reached). Returns how many were revealed. */
export function runRevealReviews(opts: Omit<RevealReviewsOptions, 'intervalMs'>): Promise<number> {
  return runFullBatches({
    batchSize: opts.batchSize,
    maxBatches: REVEAL_MAX_BATCHES_PER_RUN,
    runBatch: async () => {
      // The same clock leaveReview refuses late reviews by, so no review slips in after its reveal.
      const cutoff = revealCutoff(new Date(clockNow()), opts.reviewWindowMs);
      const revealed = await revealDueReviews(opts, { cutoff, batchSize: opts.batchSize });
      if (revealed.length > 0) opts.log.info({ reviewIds: revealed.map((r) => r.id) }, 'reviews revealed: window closed');
      return revealed.length;
    },
  });
}

/** Runs at start, then every interval; `stop` waits for a run in progress. */
export function startRevealReviews(opts: RevealReviewsOptions): RepeatingJob {
  return startRepeatingJob({
    name: 'reveal-reviews',
    log: opts.log,
    run: () => runRevealReviews(opts),
    nextDelayMs: () => opts.intervalMs,
    retryMs: opts.intervalMs,
  });
}
