import { bidAcceptRequested, type EventConsumer, type EventEnvelope, type PayloadOf, SYSTEM_ACTOR } from '@sx/events';
import type { Logger, Tx } from '@sx/runtime';
import { holdEscrow } from '../ledger/escrow-hold.js';

/**
 * bids.bid.accept_requested: hold the bid's amount in escrow, or decline. Runs in the
 * consumer's transaction with the inbox row, so a redelivery has no second effect.
 */
export async function onAcceptRequested(tx: Tx, event: EventEnvelope<PayloadOf<typeof bidAcceptRequested>>, log: Logger): Promise<void> {
  const { bidId, taskId, taskerId, posterId, amount } = event.data;
  const request = {
    requestEventId: event.id,
    // Stored uuids are lower case; the ledger compares them as text.
    taskId: taskId.toLowerCase(),
    bidId: bidId.toLowerCase(),
    payerId: posterId.toLowerCase(),
    payeeId: taskerId.toLowerCase(),
    amountMinor: amount.amountMinor,
    currency: amount.currency,
  };
  const outcome = await holdEscrow(tx, request, { actor: SYSTEM_ACTOR, traceparent: event.traceparent });
  const context = { eventId: event.id, taskId: request.taskId, bidId: request.bidId, outcome: outcome.kind };
  if (outcome.kind === 'held' || outcome.kind === 'duplicate') log.info({ ...context, paymentId: outcome.payment.id }, 'escrow hold');
  else log.info({ ...context, reason: outcome.reason }, 'escrow hold declined');
}

/** The durable consumer `wallet_from_bids`: the saga step that holds the money. */
export function consumeBidEvents(consumer: EventConsumer): EventConsumer {
  return consumer.on(bidAcceptRequested, onAcceptRequested);
}
