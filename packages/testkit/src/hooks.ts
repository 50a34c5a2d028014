import { afterAll } from 'vitest';
import type { Db } from '@sx/runtime';
import { EventPublisher } from './event-publisher.js';
import { openStackDb } from './stack-db.js';

// Helpers that register vitest hooks: a subpath of their own (@sx/testkit/hooks), so scripts
// that use the test kit outside vitest (benches) never load vitest.

/** The test stack's database for this test file, closed after its other afterAll hooks. */
export function useStackDb(): Db {
  const { db, close } = openStackDb();
  afterAll(close);
  return db;
}

/**
 * A publisher into this run's event streams for this test file (it connects on first use),
 * closed after its other afterAll hooks.
 */
export function useEventPublisher(): EventPublisher {
  const publisher = new EventPublisher();
  afterAll(() => publisher.close());
  return publisher;
}
