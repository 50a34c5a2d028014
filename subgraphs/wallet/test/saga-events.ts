import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { bidAcceptRequested, taskAssignmentRefused, taskCancelled, taskCompleted, type PayloadOf } from '@sx/events';
import type { Db } from '@sx/runtime';
import { eventually, type EventPublisher } from '@sx/testkit';
import { accounts, escrowDeclines, inbox, outbox, payments, transfers, type PaymentRow } from '../src/db/tables.js';
import { newId } from './seed.js';
import { deposit, type Money } from './wallet-api.js';

// Drives the wallet's part of the payment saga as the other services would: by publishing
// their events on the run's streams, then waiting for what wallet did about them.

export type AcceptRequest = PayloadOf<typeof bidAcceptRequested>;
type TaskStatus = PayloadOf<typeof taskCancelled>['previousStatus'];

/** A bid acceptance of a fresh task and bid by these two users. */
export function acceptRequest(posterId: string, taskerId: string, amount: Money): AcceptRequest {
  return { bidId: randomUUID(), taskId: randomUUID(), taskerId, posterId, amount: { amountMinor: amount.amount, currency: amount.currency } };
}

/** The bids and tasks events wallet reacts to, published through the test kit's publisher. */
export function sagaEvents(publisher: EventPublisher) {
  return {
    requestAccept: (request: AcceptRequest) => publisher.publish(bidAcceptRequested, request),
    completeTask: (payment: { taskId: string; payerId: string; payeeId: string }) =>
      publisher.publish(taskCompleted, { taskId: payment.taskId, posterId: payment.payerId, assigneeId: payment.payeeId, completedBy: 'POSTER' }),
    cancelTask: (payment: { taskId: string; payerId: string }, previousStatus: TaskStatus) =>
      publisher.publish(taskCancelled, { taskId: payment.taskId, posterId: payment.payerId, previousStatus }),
    refuseAssignment: (payment: { taskId: string; bidId: string; id: string }, status: TaskStatus) =>
      publisher.publish(taskAssignmentRefused, { taskId: payment.taskId, bidId: payment.bidId, paymentId: payment.id, status }),
  };
}

export type SagaEvents = ReturnType<typeof sagaEvents>;

export async function paymentOfTask(db: Db, taskId: string): Promise<PaymentRow | null> {
  const [row] = await db.select().from(payments).where(eq(payments.taskId, taskId));
  return row ?? null;
}

/** Waits until the task's payment exists and has `status`. */
export async function paymentWithStatus(db: Db, taskId: string, status: PaymentRow['status']): Promise<PaymentRow> {
  const payment = await eventually(
    () => paymentOfTask(db, taskId),
    (p) => p?.status === status,
    { what: `payment of task ${taskId} ${status}` },
  );
  if (!payment) throw new Error('unreachable: eventually returned no payment');
  return payment;
}

/** The events wallet wrote about a task, oldest first: type and payload. */
export async function sagaEventsOfTask(db: Db, taskId: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const rows = await db.execute<{ type: string; data: Record<string, unknown> }>(
    sql`SELECT type, envelope->'data' AS data FROM ${outbox} WHERE envelope->'data'->>'taskId' = ${taskId} ORDER BY seq`,
  );
  return rows.rows;
}

export async function declinesOfBid(db: Db, bidId: string) {
  return db.select().from(escrowDeclines).where(eq(escrowDeclines.bidId, bidId)).orderBy(asc(escrowDeclines.createdAt));
}

/** The escrow account of a payment (null before the hold). */
export async function escrowAccountOf(db: Db, paymentId: string) {
  const [account] = await db.select().from(accounts).where(and(eq(accounts.kind, 'escrow'), eq(accounts.paymentId, paymentId)));
  return account ?? null;
}

/** The transfers of a payment, oldest first: kind, amount and who paid whom (a user's id, or the account kind). */
export async function transfersOfPayment(db: Db, paymentId: string) {
  const rows = await db.execute<{ kind: string; amount: string; from: string; to: string }>(sql`
    SELECT t.kind, t.amount_minor::text AS amount,
      COALESCE(d.owner_id::text, d.kind) AS "from", COALESCE(c.owner_id::text, c.kind) AS "to"
    FROM ${transfers} t JOIN ${accounts} d ON d.id = t.debit_account_id JOIN ${accounts} c ON c.id = t.credit_account_id
    WHERE t.payment_id = ${paymentId} ORDER BY t.created_at, t.id`);
  return rows.rows.map((r) => ({ kind: r.kind, amountMinor: Number(r.amount), from: r.from, to: r.to }));
}

/** Waits until wallet's consumer has handled (committed) these events. */
export async function handledByWallet(db: Db, consumer: 'wallet_from_bids' | 'wallet_from_tasks', eventIds: string[]): Promise<void> {
  await eventually(
    async () => {
      const rows = await db.select({ id: inbox.eventId }).from(inbox).where(and(eq(inbox.consumer, consumer), inArray(inbox.eventId, eventIds)));
      return rows.length;
    },
    (n) => n === eventIds.length,
    { what: `${consumer} handled ${eventIds.join(', ')}` },
  );
}

/** A poster with `funds` deposited whose acceptance of a fresh tasker's bid of `amount` is held. */
export async function holdFor(db: Db, events: SagaEvents, funds: Money, amount: Money) {
  const [poster, tasker] = [newId(), newId()];
  await deposit(poster, funds);
  const request = acceptRequest(poster, tasker, amount);
  await events.requestAccept(request);
  const payment = await paymentWithStatus(db, request.taskId, 'HELD');
  return { poster, tasker, request, payment };
}
