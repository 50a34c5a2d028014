import type { Db } from '@sx/runtime';

/**
 * What reviews' commands run on, built once at start-up (index.ts) and handed to the resolvers
 * and the reveal job. Event-reaction commands get the consumer's transaction instead.
 */
export interface ReviewsDeps {
  db: Db;
  /** How long after completion a task may be reviewed (REVIEW_WINDOW_DAYS / REVIEW_WINDOW_MS). */
  reviewWindowMs: number;
}
