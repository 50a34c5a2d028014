import { z } from 'zod';
import { defineEvent } from './define.js';
import { moneySchema, uuid } from './shared-fields.js';

// The bids side of the bid → payment saga (docs/saga.md). Aggregate: the bid.

/** The poster accepted a bid: wallet should hold its amount in escrow. */
export const bidAcceptRequested = defineEvent({
  type: 'bids.bid.accept_requested',
  schema: z.object({ bidId: uuid, taskId: uuid, taskerId: uuid, posterId: uuid, amount: moneySchema }),
  aggregateId: (d) => d.bidId,
});

/** The task was assigned to this bid's tasker. */
export const bidAccepted = defineEvent({
  type: 'bids.bid.accepted',
  schema: z.object({ bidId: uuid, taskId: uuid, taskerId: uuid, posterId: uuid.optional(), paymentId: uuid }),
  aggregateId: (d) => d.bidId,
});

/** Escrow could not be held; the bid is PENDING again and the poster sees why. */
export const bidAcceptFailed = defineEvent({
  type: 'bids.bid.accept_failed',
  schema: z.object({
    bidId: uuid,
    taskId: uuid,
    taskerId: uuid,
    posterId: uuid.optional(),
    reason: z.enum(['INSUFFICIENT_FUNDS', 'CURRENCY_MISMATCH']),
  }),
  aggregateId: (d) => d.bidId,
});

export const BID_ACCEPTANCE_EVENTS = [bidAcceptRequested, bidAccepted, bidAcceptFailed];
