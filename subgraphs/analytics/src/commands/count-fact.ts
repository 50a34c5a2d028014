import type { EventHandler } from '@sx/events';
import { insertFact } from '../db/read-model-writes.js';
import type { FactKind } from '../domain/facts.js';

/** An event → one fact of `kind`, dated when the event happened (not when it arrived). */
export function countFact(kind: FactKind): EventHandler<unknown> {
  return async (tx, event) => {
    await insertFact(tx, { eventId: event.id, kind, occurredAt: new Date(event.occurredAt) });
  };
}
