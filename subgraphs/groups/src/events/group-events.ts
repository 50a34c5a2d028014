import { appendEvent, type Actor, type AnyEventDefinition, type Executor, type PayloadOf } from '@sx/events';
import { outbox } from '../db/tables.js';

/**
 * Writes one of groups' own events (groups.*) in the transaction of the change it reports; the
 * outbox relay publishes it after commit.
 */
export function recordGroupEvent<D extends AnyEventDefinition>(tx: Executor, def: D, data: PayloadOf<D>, actor: Actor) {
  return appendEvent(tx, outbox, def, data, { service: 'groups', actor });
}
