import { randomUUID } from 'node:crypto';
import { jetstream, type PubAck } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { createDb, createPool, type Db } from '@sx/runtime';
import { eventually, stackInfo } from '@sx/testkit';
import { deadLetters, inbox, outbox, tasks } from '../src/db/tables.js';
import { postTask, readTask, type ApiTask, type SignedIn } from './task-api.js';

/** The payload of wallet.escrow.held (packages/events catalogue). */
export interface EscrowHeldData {
  paymentId: string;
  taskId: string;
  bidId: string;
  payerId: string;
  payeeId: string;
  amount: { amountMinor: number; currency: string };
}

export interface Envelope<T> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  actor: { kind: 'user' | 'system'; id: string | null };
  traceparent: string | null;
  data: T;
}

let nc: NatsConnection | null = null;
let pool: ReturnType<typeof createPool> | null = null;
let db: Db | null = null;

/** The run's database, straight (what the tasks service wrote). */
export function tasksDb(): Db {
  if (!db) {
    pool = createPool({ url: stackInfo().databaseUrl, max: 4 });
    db = createDb(pool);
  }
  return db;
}

/** Closes this file's NATS connection and pool (afterAll). */
export async function closeSagaSupport(): Promise<void> {
  await nc?.drain();
  await pool?.end();
  nc = null;
  pool = null;
  db = null;
}

export function escrowHeld(task: { id: string; poster: { id: string } }, payeeId: string, overrides: Partial<EscrowHeldData> = {}): EscrowHeldData {
  return {
    paymentId: randomUUID(),
    taskId: task.id,
    bidId: randomUUID(),
    payerId: task.poster.id,
    payeeId,
    amount: { amountMinor: 8000, currency: 'EUR' },
    ...overrides,
  };
}

export function envelopeOf(data: EscrowHeldData, id: string = randomUUID()): Envelope<EscrowHeldData> {
  return { id, type: 'wallet.escrow.held', version: 1, occurredAt: new Date().toISOString(), actor: { kind: 'system', id: null }, traceparent: null, data };
}

/**
 * Publishes an envelope on the run's wallet stream, as wallet's relay would (msgID = event id).
 * `dedup: false` leaves the Nats-Msg-Id off, so JetStream stores a repeat and the consumer sees
 * it again: a redelivery that only the inbox and the handler can recognise.
 */
export async function publishWalletEvent(envelope: Envelope<unknown>, opts: { dedup?: boolean } = {}): Promise<PubAck> {
  nc ??= await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  const subject = `${stackInfo().eventsNamespace}.${envelope.type}`;
  return jetstream(nc).publish(subject, JSON.stringify(envelope), opts.dedup === false ? {} : { msgID: envelope.id });
}

/** The events tasks' outbox holds about a task, in order. */
export async function outboxOf(taskId: string): Promise<{ type: string; actor: unknown; data: Record<string, unknown> }[]> {
  const rows = await tasksDb().select({ envelope: outbox.envelope }).from(outbox).where(eq(outbox.aggregateId, taskId)).orderBy(asc(outbox.seq));
  return rows.map((r) => {
    const envelope = r.envelope as Envelope<Record<string, unknown>>;
    return { type: envelope.type, actor: envelope.actor, data: envelope.data };
  });
}

export async function eventTypesOf(taskId: string): Promise<string[]> {
  return (await outboxOf(taskId)).map((e) => e.type);
}

/** Whether the consumer `tasks_from_wallet` has committed the event (with or without effect). */
export async function handled(eventId: string): Promise<boolean> {
  const rows = await tasksDb()
    .select({ id: inbox.eventId })
    .from(inbox)
    .where(and(eq(inbox.consumer, 'tasks_from_wallet'), eq(inbox.eventId, eventId)));
  return rows.length === 1;
}

export async function deadLetterOf(eventId: string) {
  const rows = await tasksDb().select().from(deadLetters).where(eq(deadLetters.eventId, eventId));
  return rows[0] ?? null;
}

/** Moves done_at back, as if the work had been marked done that long ago. */
export async function backdateDone(taskIds: string[], ms: number): Promise<void> {
  await tasksDb()
    .update(tasks)
    .set({ doneAt: sql`${tasks.doneAt} - make_interval(secs => ${ms / 1000})` })
    .where(inArray(tasks.id, taskIds));
}

export async function waitForStatus(taskId: string, status: string): Promise<ApiTask> {
  const task = await eventually(() => readTask(taskId), (t) => t?.status === status, { what: `task ${taskId} ${status}` });
  if (!task) throw new Error(`task ${taskId} vanished`);
  return task;
}

/** A task of `poster` assigned to `tasker` through a published wallet.escrow.held. */
export async function assignedTask(
  poster: SignedIn,
  tasker: SignedIn,
): Promise<{ task: ApiTask; held: EscrowHeldData; envelope: Envelope<EscrowHeldData> }> {
  const open = await postTask(poster);
  const held = escrowHeld(open, tasker.userId);
  const envelope = envelopeOf(held);
  await publishWalletEvent(envelope);
  return { task: await waitForStatus(open.id, 'ASSIGNED'), held, envelope };
}
