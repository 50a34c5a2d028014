import type { Db } from '@sx/runtime';

/**
 * What groups' commands run on, built once at start-up (index.ts) and handed to the resolvers.
 * Event-reaction commands get the consumer's transaction instead.
 */
export interface GroupsDeps {
  db: Db;
}
