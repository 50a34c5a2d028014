import { Conflict } from '@sx/core';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The review window from the configuration: REVIEW_WINDOW_MS (staging, tests) or else REVIEW_WINDOW_DAYS. */
export const reviewWindowMs = (config: { REVIEW_WINDOW_DAYS: number; REVIEW_WINDOW_MS?: number | undefined }): number =>
  config.REVIEW_WINDOW_MS ?? Math.round(config.REVIEW_WINDOW_DAYS * DAY_MS);

/** The instant a task's review window closes: no review after it, and hidden reviews show from it. */
export function windowClosesAt(completedAt: Date, windowMs: number): Date {
  return new Date(completedAt.getTime() + windowMs);
}

/** Tasks completed at or before this instant have a closed window (what the reveal job looks for). */
export function revealCutoff(now: Date, windowMs: number): Date {
  return new Date(now.getTime() - windowMs);
}

/** The window closed before the review came: the other side may already have read the one review there is. */
export class ReviewWindowClosed extends Conflict {
  constructor(closedAt: Date) {
    super('REVIEW_WINDOW_CLOSED', `The review window closed at ${closedAt.toISOString()}; reviews are taken only in the days right after completion.`);
  }
}

/** Refuses a review once the window has closed (at `closesAt` itself too: the job may have revealed by then). */
export function assertWindowOpen(completedAt: Date, now: Date, windowMs: number): void {
  const closesAt = windowClosesAt(completedAt, windowMs);
  if (now.getTime() >= closesAt.getTime()) throw new ReviewWindowClosed(closesAt);
}

/** What visibility needs to know of a review. */
export interface ReviewVisibility {
  authorId: string;
  revealedAt: Date | null;
}

/**
 * Blind reviews: a review is public once revealed; before that only its author reads it (not even
 * its subject, who would otherwise review back in reply to what they read).
 */
export function canSeeReview(review: ReviewVisibility, viewerId: string | null | undefined): boolean {
  return review.revealedAt !== null || (!!viewerId && viewerId === review.authorId);
}
