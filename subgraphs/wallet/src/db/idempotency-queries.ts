import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '@sx/runtime';
import type { IdempotentOperation, KeyPhase, KeyTimes, RequestParams, StoredResponse } from '../domain/idempotency.js';
import { idempotencyKeys, type IdempotencyKeyRow } from './tables.js';

/** The process running a request: the key it claimed and the fencing token proving it still owns it. */
export interface KeyOwner {
  userId: string;
  key: string;
  lockToken: string;
}

const lockedUntil = (leaseMs: number) => sql`now() + make_interval(secs => ${leaseMs / 1_000})`;
const expiresAt = (ttlHours: number) => sql`now() + make_interval(hours => ${ttlHours})`;

/** A key's request: who, which key, what operation with which input. */
export interface KeyRequest {
  userId: string;
  key: string;
  operation: IdempotentOperation;
  requestHash: string;
  params: RequestParams;
}

/** Inserts the key as in progress; null when the user already has a row for it. */
export async function insertKey(tx: Tx, row: KeyRequest, times: KeyTimes): Promise<IdempotencyKeyRow | null> {
  const [inserted] = await tx
    .insert(idempotencyKeys)
    .values({ ...row, lockedUntil: lockedUntil(times.leaseMs), expiresAt: expiresAt(times.ttlHours) })
    .onConflictDoNothing()
    .returning();
  return inserted ?? null;
}

/** The stored key, locked for the claim decision, with the database's clock. */
export async function lockKey(tx: Tx, userId: string, key: string): Promise<{ row: IdempotencyKeyRow; now: Date } | null> {
  const [found] = await tx
    .select({ row: idempotencyKeys, now: sql<string>`now()` })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .for('update');
  return found ? { row: found.row, now: new Date(found.now) } : null;
}

/** Resumes an abandoned request: a new fencing token, so its old process can no longer finish it. */
export async function takeOverKey(tx: Tx, row: IdempotencyKeyRow, times: KeyTimes): Promise<IdempotencyKeyRow> {
  const [updated] = await tx
    .update(idempotencyKeys)
    .set({ lockToken: sql`gen_random_uuid()`, lockedUntil: lockedUntil(times.leaseMs) })
    .where(and(eq(idempotencyKeys.userId, row.userId), eq(idempotencyKeys.key, row.key)))
    .returning();
  if (!updated) throw new Error('locked idempotency key vanished');
  return updated;
}

/** Starts an expired key over as a new request (a new request id: nothing of the old one carries over). */
export async function reuseExpiredKey(tx: Tx, row: KeyRequest, times: KeyTimes): Promise<IdempotencyKeyRow> {
  const [updated] = await tx
    .update(idempotencyKeys)
    .set({
      operation: row.operation,
      requestHash: row.requestHash,
      params: row.params,
      requestId: sql`gen_random_uuid()`,
      status: 'in_progress',
      phase: 'claimed',
      transferId: null,
      response: null,
      lockToken: sql`gen_random_uuid()`,
      lockedUntil: lockedUntil(times.leaseMs),
      createdAt: sql`now()`,
      expiresAt: expiresAt(times.ttlHours),
    })
    .where(and(eq(idempotencyKeys.userId, row.userId), eq(idempotencyKeys.key, row.key)))
    .returning();
  if (!updated) throw new Error('locked idempotency key vanished');
  return updated;
}

const owned = (owner: KeyOwner) =>
  and(
    eq(idempotencyKeys.userId, owner.userId),
    eq(idempotencyKeys.key, owner.key),
    eq(idempotencyKeys.lockToken, owner.lockToken),
    eq(idempotencyKeys.status, 'in_progress'),
  );

/** Records a recovery point in the transaction that reached it; false when another process took over. */
export async function markKeyPhase(tx: Tx, args: { owner: KeyOwner; phase: KeyPhase; transferId: string }): Promise<boolean> {
  const { owner, phase, transferId } = args;
  const rows = await tx.update(idempotencyKeys).set({ phase, transferId }).where(owned(owner)).returning({ key: idempotencyKeys.key });
  return rows.length === 1;
}

/** Stores the response in the transaction that made it; false when another process took over. */
export async function completeKey(tx: Tx, owner: KeyOwner, response: StoredResponse): Promise<boolean> {
  const rows = await tx
    .update(idempotencyKeys)
    .set({ status: 'done', response })
    .where(owned(owner))
    .returning({ key: idempotencyKeys.key });
  return rows.length === 1;
}

/** Forgets a key whose request was refused before anything happened, so it can be used again. */
export async function releaseKey(db: Db, owner: KeyOwner): Promise<void> {
  await db.delete(idempotencyKeys).where(and(owned(owner), eq(idempotencyKeys.phase, 'claimed')));
}

/**
 * Keys whose request was left unfinished for a whole extra lease after its own ran out: their
 * process died and their client did not retry. Oldest first, at most `limit`.
 */
export async function findAbandonedKeys(db: Db, opts: { leaseMs: number; limit: number }): Promise<IdempotencyKeyRow[]> {
  return db
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.status, 'in_progress'),
        lt(idempotencyKeys.lockedUntil, sql`now() - make_interval(secs => ${opts.leaseMs / 1_000})`),
      ),
    )
    .orderBy(idempotencyKeys.lockedUntil)
    .limit(opts.limit);
}

/** Deletes up to `limit` finished keys past their expiry; the number deleted. */
export async function purgeExpiredKeys(db: Db, limit: number): Promise<number> {
  const expired = db
    .select({ requestId: idempotencyKeys.requestId })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.status, 'done'), lt(idempotencyKeys.expiresAt, sql`now()`)))
    .limit(limit);
  const deleted = await db
    .delete(idempotencyKeys)
    .where(and(inArray(idempotencyKeys.requestId, expired), eq(idempotencyKeys.status, 'done')))
    .returning({ requestId: idempotencyKeys.requestId });
  return deleted.length;
}
