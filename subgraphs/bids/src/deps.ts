import type { Db } from '@sx/runtime';

/**
 * What bids' commands run on, built once at start-up (index.ts) and handed to the resolvers.
 * Event-reaction commands get the consumer's transaction instead.
 */
export interface BidsDeps {
  db: Db;
}
