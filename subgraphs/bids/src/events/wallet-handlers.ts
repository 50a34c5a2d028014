import { escrowDeclined, type EventConsumer } from '@sx/events';
import { revertDeclinedAcceptance } from '../commands/revert-declined-acceptance.js';

/** The durable consumer `bids_from_wallet`: the payment saga's answers that move bids. */
export function consumeWalletEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(escrowDeclined, revertDeclinedAcceptance);
}
