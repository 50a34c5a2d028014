import { createDb, createPool, type Db } from '@sx/runtime';
import { stackInfo } from './graphql-client.js';

/** A small pool on the test stack's database, for tests that read or seed a service's tables. */
export function openStackDb(): { db: Db; close: () => Promise<void> } {
  const pool = createPool({ url: stackInfo().databaseUrl, max: 2 });
  return { db: createDb(pool), close: () => pool.end() };
}
