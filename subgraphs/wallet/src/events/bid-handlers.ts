import { bidAcceptRequested, type EventConsumer } from '@sx/events';
import { holdEscrow } from '../commands/hold-escrow.js';

/** The durable consumer `wallet_from_bids`: the saga step that holds the money. */
export function consumeBidEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(bidAcceptRequested, async (tx, event, log) => {
    await holdEscrow(tx, event, log);
  });
}
