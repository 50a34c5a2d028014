import { and, asc, count, eq, inArray, lt, ne, or } from 'drizzle-orm';
import type { Queryable, Tx } from '@sx/runtime';
import type { ParentType, UploadPurpose } from '../domain/upload-state.js';
import { taskPosters, uploads, type UploadRow } from './tables.js';

export async function insertUpload(db: Queryable, args: { ownerId: string; purpose: UploadPurpose; ticketExpiresAt: Date }): Promise<UploadRow> {
  const [row] = await db.insert(uploads).values({ ...args, status: 'PENDING' }).returning();
  if (!row) throw new Error('insert into files.uploads returned no row');
  return row;
}

export async function findUpload(db: Queryable, id: string): Promise<UploadRow | null> {
  const [row] = await db.select().from(uploads).where(eq(uploads.id, id));
  return row ?? null;
}

/** Locks the upload for the rest of the transaction (attach, remove and the sweeper decide under this lock). */
export async function lockUpload(tx: Tx, id: string): Promise<UploadRow | null> {
  const [row] = await tx.select().from(uploads).where(eq(uploads.id, id)).for('update');
  return row ?? null;
}

/** PENDING → READY with the stored copy's facts; false when another PUT got there first. */
export async function markUploaded(db: Queryable, args: { id: string; contentType: string; sizeBytes: number; sha256: string; storageKey: string; at: Date }): Promise<boolean> {
  const { id, at, ...facts } = args;
  const rows = await db
    .update(uploads)
    .set({ ...facts, status: 'READY', uploadedAt: at })
    .where(and(eq(uploads.id, id), eq(uploads.status, 'PENDING')))
    .returning({ id: uploads.id });
  return rows.length === 1;
}

export async function markAttached(tx: Tx, args: { id: string; parentType: ParentType; parentId: string; at: Date }): Promise<UploadRow> {
  const [row] = await tx
    .update(uploads)
    .set({ status: 'ATTACHED', parentType: args.parentType, parentId: args.parentId, attachedAt: args.at })
    .where(eq(uploads.id, args.id))
    .returning();
  if (!row) throw new Error(`upload ${args.id} vanished under its lock`);
  return row;
}

export async function markDeleted(tx: Tx, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx.update(uploads).set({ status: 'DELETED', deletedAt: at }).where(inArray(uploads.id, [...ids]));
}

/** How many photos a task carries now. */
export async function countAttached(tx: Tx, parentType: ParentType, parentId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(uploads)
    .where(and(eq(uploads.parentType, parentType), eq(uploads.parentId, parentId), eq(uploads.status, 'ATTACHED')));
  return row?.n ?? 0;
}

/** The attachments of many parents of one type, oldest first (one statement for a page of tasks). */
export async function findAttachedTo(db: Queryable, parentType: ParentType, parentIds: readonly string[]): Promise<UploadRow[]> {
  if (parentIds.length === 0) return [];
  return db
    .select()
    .from(uploads)
    .where(and(eq(uploads.parentType, parentType), inArray(uploads.parentId, [...parentIds]), eq(uploads.status, 'ATTACHED')))
    .orderBy(asc(uploads.attachedAt), asc(uploads.id));
}

/**
 * Claims up to `limit` files to delete: those removed, and uploads never attached that were
 * started before `abandonedBefore`. SKIP LOCKED lets two instances sweep side by side.
 */
export async function claimSweepable(tx: Tx, args: { abandonedBefore: Date; limit: number }): Promise<Pick<UploadRow, 'id' | 'storageKey'>[]> {
  return tx
    .select({ id: uploads.id, storageKey: uploads.storageKey })
    .from(uploads)
    .where(or(eq(uploads.status, 'DELETED'), and(ne(uploads.status, 'ATTACHED'), lt(uploads.createdAt, args.abandonedBefore))))
    .orderBy(asc(uploads.createdAt))
    .limit(args.limit)
    .for('update', { skipLocked: true });
}

/** Forgets a deleted file once its bytes are gone. */
export async function forgetDeleted(db: Queryable, id: string): Promise<void> {
  await db.delete(uploads).where(and(eq(uploads.id, id), eq(uploads.status, 'DELETED')));
}

/** The poster of a task as the replica knows it, locked (photo counts per task are decided one at a time). */
export async function lockTaskPoster(tx: Tx, taskId: string): Promise<string | null> {
  const [row] = await tx.select({ posterId: taskPosters.posterId }).from(taskPosters).where(eq(taskPosters.taskId, taskId)).for('update');
  return row?.posterId ?? null;
}

export async function rememberTaskPoster(tx: Tx, args: { taskId: string; posterId: string }): Promise<void> {
  await tx.insert(taskPosters).values(args).onConflictDoNothing();
}

