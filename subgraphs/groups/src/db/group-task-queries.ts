import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { isUuid, onlyUuids, type TimePageRequest } from '@sx/core';
import type { Db, Tx } from '@sx/runtime';
import type { GroupTaskDraft, GroupTaskStatus } from '../domain/group-task.js';
import { groupTasks, type GroupTaskRow } from './tables.js';

type Executor = Db | Tx;

export async function insertGroupTask(tx: Tx, task: GroupTaskDraft & { posterId: string }): Promise<GroupTaskRow> {
  const [row] = await tx.insert(groupTasks).values(task).returning();
  if (!row) throw new Error('group task was not written');
  return row;
}

export async function lockGroupTask(tx: Tx, id: string): Promise<GroupTaskRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(groupTasks).where(eq(groupTasks.id, id)).for('update');
  return row ?? null;
}

export async function setGroupTaskStatus(tx: Tx, id: string, status: GroupTaskStatus): Promise<GroupTaskRow> {
  const [row] = await tx
    .update(groupTasks)
    .set({ status, completedAt: status === 'COMPLETED' ? new Date() : null })
    .where(eq(groupTasks.id, id))
    .returning();
  if (!row) throw new Error(`group task ${id} vanished`);
  return row;
}

export async function findGroupTasksByIds(db: Executor, ids: readonly string[]): Promise<GroupTaskRow[]> {
  const valid = onlyUuids(ids);
  if (valid.length === 0) return [];
  return db.select().from(groupTasks).where(inArray(groupTasks.id, valid));
}

/** A group's tasks, newest first, keyset-paginated on (created_at, id). */
export async function pageGroupTasks(db: Executor, groupId: string, status: GroupTaskStatus | null, page: TimePageRequest): Promise<GroupTaskRow[]> {
  const filters: SQL[] = [eq(groupTasks.groupId, groupId)];
  if (status) filters.push(eq(groupTasks.status, status));
  if (page.after) {
    const { at, id } = page.after;
    const before = or(lt(groupTasks.createdAt, at), and(eq(groupTasks.createdAt, at), lt(groupTasks.id, id)));
    if (before) filters.push(before);
  }
  return db.select().from(groupTasks).where(and(...filters)).orderBy(desc(groupTasks.createdAt), desc(groupTasks.id)).limit(page.limit + 1);
}
