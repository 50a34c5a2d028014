import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { Currency } from '@sx/core';
import type { DeclinedHold } from '../domain/escrow-rules.js';
import type { PaymentStatus } from '../domain/ledger-kinds.js';
import { escrowDeclines, payments, type EscrowDeclineRow, type PaymentRow } from './tables.js';
import type { Tx } from '@sx/runtime';

export interface NewHeldPayment {
  taskId: string;
  bidId: string;
  payerId: string;
  payeeId: string;
  amountMinor: number;
  currency: Currency;
}

/**
 * Inserts the HELD payment of a bid, or nothing when the task or the bid already has one
 * (unique task_id, bid_id): a concurrent duplicate waits for the first insert's commit and then
 * finds it. Returns null when nothing was inserted.
 */
export async function insertHeldPayment(tx: Tx, row: NewHeldPayment): Promise<PaymentRow | null> {
  const [inserted] = await tx.insert(payments).values({ ...row, status: 'HELD' }).onConflictDoNothing().returning();
  return inserted ?? null;
}

/**
 * The payment of a bid or, failing that, the HELD one of its task (at most one of each exists;
 * a task's earlier payments, refunded when its assignee withdrew, do not stand in the way).
 */
export async function findPaymentOfTaskOrBid(tx: Tx, ids: { taskId: string; bidId: string }): Promise<PaymentRow | null> {
  const rows = await tx
    .select()
    .from(payments)
    .where(or(eq(payments.bidId, ids.bidId), and(eq(payments.taskId, ids.taskId), eq(payments.status, 'HELD'))));
  return rows.find((p) => p.bidId === ids.bidId) ?? rows[0] ?? null;
}

/**
 * Names the payment to resolve. By task alone it is the task's HELD payment, or else its latest
 * (a task may have had an earlier one, refunded when its assignee withdrew).
 */
export type PaymentSelector = { taskId: string } | { paymentId: string; taskId: string };

const selected = (which: PaymentSelector) =>
  'paymentId' in which ? and(eq(payments.id, which.paymentId), eq(payments.taskId, which.taskId)) : eq(payments.taskId, which.taskId);

export async function findPayment(tx: Tx, which: PaymentSelector): Promise<PaymentRow | null> {
  const [row] = await tx
    .select()
    .from(payments)
    .where(selected(which))
    .orderBy(desc(sql`${payments.status} = 'HELD'`), desc(payments.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * HELD → RELEASED or REFUNDED, only if still HELD: the row lock makes a concurrent resolution
 * wait, then re-check the status and change nothing. So a hold resolves at most once, whatever
 * races; null when this caller did not resolve it.
 */
export async function resolveHeldPayment(
  tx: Tx,
  which: PaymentSelector,
  to: { status: Exclude<PaymentStatus, 'HELD'>; feeMinor: number | null; refundMinor?: number },
): Promise<PaymentRow | null> {
  const [row] = await tx
    .update(payments)
    .set({ status: to.status, feeMinor: to.feeMinor, refundMinor: to.refundMinor ?? null, resolvedAt: sql`now()` })
    .where(and(selected(which), eq(payments.status, 'HELD')))
    .returning();
  return row ?? null;
}

/** Remembers a refused hold request; null when this request was already answered. */
export async function insertDecline(tx: Tx, row: DeclinedHold): Promise<EscrowDeclineRow | null> {
  const [inserted] = await tx.insert(escrowDeclines).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

/** The refusal of one hold request, if it was refused. */
export async function findDeclineOfRequest(tx: Tx, requestEventId: string): Promise<EscrowDeclineRow | null> {
  const [row] = await tx.select().from(escrowDeclines).where(eq(escrowDeclines.requestEventId, requestEventId));
  return row ?? null;
}
