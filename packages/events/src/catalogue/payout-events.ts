import { z } from 'zod';
import { defineEvent } from './define.js';
import { moneySchema, uuid } from './shared-fields.js';

/** Fields of a daily payout to a tasker's bank account. */
const payoutFields = {
  payoutId: uuid,
  userId: uuid,
  /** The payout day (UTC), `YYYY-MM-DD`. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  amount: moneySchema,
  /** What may be shown of the bank account (country and last four characters). */
  accountMask: z.string().min(1),
};

/** The payment provider paid a tasker's daily payout to their bank account. */
export const payoutPaid = defineEvent({
  type: 'wallet.payout.paid',
  schema: z.object(payoutFields),
  aggregateId: (d) => d.payoutId,
});

/** The payment provider declined a daily payout; the money went back to the tasker's wallet. */
export const payoutFailed = defineEvent({
  type: 'wallet.payout.failed',
  schema: z.object({ ...payoutFields, reason: z.string().min(1) }),
  aggregateId: (d) => d.payoutId,
});

export const PAYOUT_EVENTS = [payoutPaid, payoutFailed];
