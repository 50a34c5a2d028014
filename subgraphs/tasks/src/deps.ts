import type { Db } from '@sx/runtime';

/**
 * What tasks' commands run on, built once at start-up (index.ts) and handed to the resolvers and
 * the auto-release job. Event-reaction commands get the consumer's transaction instead.
 */
export interface TasksDeps {
  db: Db;
}
