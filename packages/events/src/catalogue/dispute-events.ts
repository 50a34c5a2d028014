import { z } from 'zod';
import { defineEvent } from './define.js';
import { moneyOrZeroSchema, moneySchema, taskStatusSchema, uuid } from './shared-fields.js';

// Disputes (issue 17) live in tasks (docs/decisions.md): their events are on the tasks stream,
// keyed by the task, so the relay keeps them in order with the task's other events. Wallet
// freezes the escrow on `opened`, unfreezes it on `dismissed` and splits it on `resolved`.

/** The two sides of a disputed task and its escrow payment. */
const disputeFields = { disputeId: uuid, taskId: uuid, posterId: uuid, assigneeId: uuid, paymentId: uuid };

/** Why a dispute was opened (the API's DisputeReason). */
export const disputeReasonSchema = z.enum(['WORK_NOT_DONE', 'POOR_QUALITY', 'NOT_AS_DESCRIBED', 'NO_SHOW', 'OTHER']);

/** Either side opened a dispute: the task is DISPUTED and its escrow frozen until an admin decides. */
export const disputeOpened = defineEvent({
  type: 'tasks.dispute.opened',
  schema: z.object({ ...disputeFields, openedBy: uuid, reason: disputeReasonSchema, previousStatus: taskStatusSchema }),
  aggregateId: (d) => d.taskId,
});

/** One side (or an admin) wrote in the dispute's conversation. */
export const disputeMessageAdded = defineEvent({
  type: 'tasks.dispute.message_added',
  schema: z.object({ ...disputeFields, messageId: uuid, authorId: uuid }),
  aggregateId: (d) => d.taskId,
});

/** An admin split the held amount: `refund` back to the poster, `release` to the tasker (the fee comes off it). */
export const disputeResolved = defineEvent({
  type: 'tasks.dispute.resolved',
  schema: z.object({ ...disputeFields, resolvedBy: uuid, refund: moneyOrZeroSchema, release: moneyOrZeroSchema }),
  aggregateId: (d) => d.taskId,
});

/** An admin dismissed the dispute: the task is back to `restoredStatus` and the escrow unfrozen. */
export const disputeDismissed = defineEvent({
  type: 'tasks.dispute.dismissed',
  schema: z.object({ ...disputeFields, resolvedBy: uuid, restoredStatus: taskStatusSchema }),
  aggregateId: (d) => d.taskId,
});

/** The assignee withdrew from an ASSIGNED task: wallet refunds the poster, bids marks the bid WITHDRAWN. */
export const taskWithdrawn = defineEvent({
  type: 'tasks.task.withdrawn',
  schema: z.object({ taskId: uuid, posterId: uuid, assigneeId: uuid, bidId: uuid, paymentId: uuid }),
  aggregateId: (d) => d.taskId,
});

export const DISPUTE_EVENTS = [disputeOpened, disputeMessageAdded, disputeResolved, disputeDismissed, taskWithdrawn];

/** Wallet settled a disputed payment as the admin decided: refund to the payer, payout + fee from the release. */
export const paymentSplit = defineEvent({
  type: 'wallet.payment.split',
  schema: z.object({
    paymentId: uuid,
    taskId: uuid,
    bidId: uuid,
    payerId: uuid,
    payeeId: uuid,
    amount: moneySchema,
    disputeId: uuid,
    refund: moneyOrZeroSchema,
    payout: moneyOrZeroSchema,
    fee: moneyOrZeroSchema,
  }),
  aggregateId: (d) => d.paymentId,
});

export const DISPUTE_SETTLEMENT_EVENTS = [paymentSplit];
