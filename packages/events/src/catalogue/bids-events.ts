import { z } from 'zod';
import { defineEvent } from './define.js';
import { moneySchema, uuid } from './shared-fields.js';

/**
 * `posterId`, the task's poster, names the other person a bid event concerns, so live
 * subscriptions can route it without asking; events written before it was added lack it.
 */
const bidFields = { bidId: uuid, taskId: uuid, taskerId: uuid, posterId: uuid.optional() };

/** A tasker offered to do a task for an amount. */
export const bidPlaced = defineEvent({
  type: 'bids.bid.placed',
  schema: z.object({ ...bidFields, amount: moneySchema, message: z.string() }),
  aggregateId: (d) => d.bidId,
});

/** The tasker changed the amount or message of a pending bid. */
export const bidUpdated = defineEvent({
  type: 'bids.bid.updated',
  schema: z.object({ ...bidFields, amount: moneySchema, message: z.string() }),
  aggregateId: (d) => d.bidId,
});

/** The tasker took back a pending bid. */
export const bidWithdrawn = defineEvent({
  type: 'bids.bid.withdrawn',
  schema: z.object(bidFields),
  aggregateId: (d) => d.bidId,
});

/** A pending bid can no longer win: the task was cancelled (or, later, another bid accepted). */
export const bidRejected = defineEvent({
  type: 'bids.bid.rejected',
  schema: z.object({ ...bidFields, reason: z.enum(['TASK_CANCELLED', 'OTHER_BID_ACCEPTED', 'TASK_CLOSED']) }),
  aggregateId: (d) => d.bidId,
});

export const BIDS_EVENTS = [bidPlaced, bidUpdated, bidWithdrawn, bidRejected];
