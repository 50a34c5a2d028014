import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { escrowHeld as escrowHeldEvent, type EventEnvelope, type PayloadOf } from '@sx/events';
import { createDb, createPool, type Db } from '@sx/runtime';
import { eventEnvelope, EventPublisher, eventually, stackInfo } from '@sx/testkit';
import { deadLetters, inbox, outbox, tasks } from '../src/db/tables.js';
import { postTask, readTask, type ApiTask, type SignedIn } from './task-api.js';

/** The payload of wallet.escrow.held (packages/events catalogue). */
export type EscrowHeldData = PayloadOf<typeof escrowHeldEvent>;

/** wallet's events, published into the run's streams as wallet's relay would. */
export const walletEvents = new EventPublisher();

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

/** Closes the wallet-event publisher and this file's pool (afterAll). */
export async function closeSagaSupport(): Promise<void> {
  await walletEvents.close();
  await pool?.end();
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

export function envelopeOf(data: EscrowHeldData, id: string = randomUUID()): EventEnvelope<EscrowHeldData> {
  return eventEnvelope(escrowHeldEvent, data, { id });
}

/** The events tasks' outbox holds about a task, in order. */
export async function outboxOf(taskId: string): Promise<{ type: string; actor: unknown; data: Record<string, unknown> }[]> {
  const rows = await tasksDb().select({ envelope: outbox.envelope }).from(outbox).where(eq(outbox.aggregateId, taskId)).orderBy(asc(outbox.seq));
  return rows.map((r) => {
    const envelope = r.envelope as EventEnvelope<Record<string, unknown>>;
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
): Promise<{ task: ApiTask; held: EscrowHeldData; envelope: EventEnvelope<EscrowHeldData> }> {
  const open = await postTask(poster);
  const held = escrowHeld(open, tasker.userId);
  const envelope = envelopeOf(held);
  await walletEvents.send(envelope);
  return { task: await waitForStatus(open.id, 'ASSIGNED'), held, envelope };
}
