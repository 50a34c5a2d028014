import { z } from 'zod';
import { defineEvent } from './define.js';
import { moneySchema, uuid } from './shared-fields.js';

// The wallet side of the bid → payment saga (docs/saga.md). Aggregate: the payment.

const paymentFields = { paymentId: uuid, taskId: uuid, bidId: uuid, payerId: uuid, payeeId: uuid, amount: moneySchema };

/** The accepted bid's amount moved from the poster's wallet into the payment's escrow account. */
export const escrowHeld = defineEvent({
  type: 'wallet.escrow.held',
  schema: z.object(paymentFields),
  aggregateId: (d) => d.paymentId,
});

/** The hold could not be made; the bid goes back to PENDING with this reason. */
export const escrowDeclined = defineEvent({
  type: 'wallet.escrow.declined',
  schema: z.object({
    taskId: uuid,
    bidId: uuid,
    payerId: uuid,
    amount: moneySchema,
    reason: z.enum(['INSUFFICIENT_FUNDS', 'CURRENCY_MISMATCH']),
  }),
  aggregateId: (d) => d.bidId,
});

/** The task was completed: the tasker got amount − fee, the platform the fee. */
export const paymentReleased = defineEvent({
  type: 'wallet.payment.released',
  schema: z.object({ ...paymentFields, fee: moneySchema.extend({ amountMinor: z.number().int().nonnegative() }), payout: moneySchema }),
  aggregateId: (d) => d.paymentId,
});

/** The task was cancelled (or could not be assigned): the whole amount went back to the poster. */
export const paymentRefunded = defineEvent({
  type: 'wallet.payment.refunded',
  schema: z.object({ ...paymentFields, reason: z.enum(['TASK_CANCELLED', 'ASSIGNMENT_REFUSED', 'TASK_WITHDRAWN']) }),
  aggregateId: (d) => d.paymentId,
});

export const ESCROW_EVENTS = [escrowHeld, escrowDeclined, paymentReleased, paymentRefunded];
