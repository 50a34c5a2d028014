import { SYSTEM_ACTOR } from '@sx/events';
import { revealDueReviews as revealDueRows } from '../db/reveal-writes.js';
import type { ReviewRow } from '../db/tables.js';
import type { ReviewsDeps } from '../deps.js';
import { recordReviewRevealed } from '../events/review-events.js';

export interface RevealDueReviewsCommand {
  /** Reviews of tasks completed at or before this instant are due (domain/review-window.ts). */
  cutoff: Date;
  /** REVIEW_REVEAL_BATCH: reviews per transaction. */
  batchSize: number;
}

/**
 * One batch of the reveal job: hidden reviews whose window closed become visible, each with its
 * reviews.review.revealed {reason: WINDOW_CLOSED} in the same transaction. Safe to run twice or
 * on two instances at once (SKIP LOCKED, and only still-hidden rows change).
 */
export function revealDueReviews(deps: Pick<ReviewsDeps, 'db'>, command: RevealDueReviewsCommand): Promise<ReviewRow[]> {
  return deps.db.transaction(async (tx) => {
    const revealed = await revealDueRows(tx, { cutoff: command.cutoff, limit: command.batchSize });
    for (const review of revealed) await recordReviewRevealed(tx, review, 'WINDOW_CLOSED', SYSTEM_ACTOR);
    return revealed;
  });
}
