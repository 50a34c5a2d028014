import { eq } from 'drizzle-orm';
import type { Db } from '@sx/runtime';
import { isUuid } from '@sx/core';
import type { EventEnvelope } from './envelope.js';
import type { OutboxTable } from './tables.js';
import { decodeEnvelope } from './validate.js';

/**
 * One of this service's own events by id, read back from its outbox (rows are kept after
 * publishing) and upcast to the latest version; null for an unknown or malformed id. Live
 * subscriptions resolve `Query.*Event(id)` with it, so a payload is always built from the
 * event as its owner recorded it, never from anything a client sent.
 */
export async function findOwnEvent(db: Db, outbox: OutboxTable, id: string): Promise<EventEnvelope | null> {
  if (!isUuid(id)) return null;
  const rows = await db.select({ envelope: outbox.envelope }).from(outbox).where(eq(outbox.id, id.toLowerCase())).limit(1);
  const row = rows[0];
  if (!row) return null;
  return decodeEnvelope(row.envelope);
}
