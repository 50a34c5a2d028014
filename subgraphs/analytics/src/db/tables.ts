import { check, index, integer, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { deadLetterTable, inboxTable, outboxTable } from '@sx/events';
import { FACT_KINDS, PAYMENT_STATES } from '../domain/facts.js';

export const analyticsSchema = pgSchema('analytics');

const timestampMs = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * One row per counted event (a sign-up, a posted task, a bid …), keyed by the event's id so a
 * redelivered event is counted once even outside the inbox.
 */
export const facts = analyticsSchema.table(
  'facts',
  {
    eventId: uuid('event_id').primaryKey(),
    kind: text('kind').notNull(),
    occurredAt: timestampMs('occurred_at').notNull(),
  },
  (t) => [index('facts_kind_time_idx').on(t.kind, t.occurredAt), check('facts_kind_valid', sql`${t.kind} IN (${list(FACT_KINDS)})`)],
);

/**
 * The replica of escrow payments, from wallet's events: what is held now, what was released
 * (fees, volume, taskers' earnings) and the prices tasks were agreed at.
 */
export const payments = analyticsSchema.table(
  'payments',
  {
    paymentId: uuid('payment_id').primaryKey(),
    taskId: uuid('task_id').notNull(),
    payerId: uuid('payer_id').notNull(),
    payeeId: uuid('payee_id').notNull(),
    currency: text('currency').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    state: text('state').notNull(),
    heldAt: timestampMs('held_at').notNull(),
    feeMinor: integer('fee_minor'),
    payoutMinor: integer('payout_minor'),
    /** When it was released or refunded. */
    settledAt: timestampMs('settled_at'),
  },
  (t) => [
    index('payments_state_idx').on(t.state, t.currency),
    index('payments_held_idx').on(t.heldAt),
    index('payments_settled_idx').on(t.settledAt),
    check('payments_state_valid', sql`${t.state} IN (${list(PAYMENT_STATES)})`),
    check('payments_amount_positive', sql`${t.amountMinor} > 0`),
    check('payments_release_whole', sql`(${t.state} = 'RELEASED') = (${t.feeMinor} IS NOT NULL AND ${t.payoutMinor} IS NOT NULL)`),
    // Not fee + payout = amount: a dispute may settle part of a payment each way.
    check('payments_release_within_amount', sql`${t.feeMinor} IS NULL OR ${t.feeMinor} + ${t.payoutMinor} <= ${t.amountMinor}`),
    check('payments_settled_when_not_held', sql`(${t.settledAt} IS NULL) = (${t.state} = 'HELD')`),
  ],
);

export const outbox = outboxTable(analyticsSchema);
export const inbox = inboxTable(analyticsSchema);
export const deadLetters = deadLetterTable(analyticsSchema);

export type PaymentRow = typeof payments.$inferSelect;
