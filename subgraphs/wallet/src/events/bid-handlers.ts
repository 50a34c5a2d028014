import { bidAcceptRequested, type EventConsumer } from '@sx/events';
import { holdEscrow, holdEscrowStep } from '../commands/hold-escrow.js';

/**
 * The durable consumer `wallet_from_bids`: the saga step that holds the money, in one statement
 * with its inbox row when it can (`holdEscrowStep`), else the general way.
 */
export function consumeBidEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(
    bidAcceptRequested,
    async (tx, event, log) => {
      await holdEscrow(tx, event, log);
    },
    { step: holdEscrowStep },
  );
}
