import { eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Tx } from '@sx/runtime';
import type { TaskDraft } from '../domain/task-draft.js';
import type { TaskPatch } from '../domain/task-patch.js';
import { INITIAL_STATUS } from '../domain/task-status.js';
import { taskColumns, type Task } from './task-columns.js';
import { tasks } from './tables.js';

export async function insertTask(tx: Tx, posterId: string, draft: TaskDraft): Promise<Task> {
  const [row] = await tx
    .insert(tasks)
    .values({
      posterId,
      title: draft.title,
      description: draft.description,
      category: draft.category,
      budgetAmountMinor: draft.budget.amountMinor,
      budgetCurrency: draft.budget.currency,
      lat: draft.location?.lat ?? null,
      lng: draft.location?.lng ?? null,
      address: draft.location?.address ?? null,
      dueAt: draft.dueAt,
      status: INITIAL_STATUS,
    })
    .returning(taskColumns);
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  return row;
}

/** Reads a task under its row lock inside an open transaction; null if none. */
export async function lockTask(tx: Tx, id: string): Promise<Task | null> {
  const [task] = await tx.select(taskColumns).from(tasks).where(eq(tasks.id, id)).for('update');
  return task ?? null;
}

/** Writes an edit of a locked task; the caller has checked that it may. */
export async function writeTaskPatch(tx: Tx, task: Task, patch: TaskPatch): Promise<Task> {
  const changes: PgUpdateSetSource<typeof tasks> = { updatedAt: sql`now()` };
  if (patch.title !== undefined) changes.title = patch.title;
  if (patch.description !== undefined) changes.description = patch.description;
  if (patch.category !== undefined) changes.category = patch.category;
  if (patch.budget !== undefined) {
    changes.budgetAmountMinor = patch.budget.amountMinor;
    changes.budgetCurrency = patch.budget.currency;
  }
  if (patch.location !== undefined) {
    changes.lat = patch.location?.lat ?? null;
    changes.lng = patch.location?.lng ?? null;
    changes.address = patch.location?.address ?? null;
  }
  if (patch.dueAt !== undefined) changes.dueAt = patch.dueAt;
  const [row] = await tx.update(tasks).set(changes).where(eq(tasks.id, task.id)).returning(taskColumns);
  if (!row) throw new Error(`task ${task.id} vanished while locked`);
  return row;
}
