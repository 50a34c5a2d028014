import { eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '@sx/runtime';
import { isUuid, NotFound } from '@sx/core';
import type { TaskDraft } from '../domain/task-draft.js';
import type { TaskPatch } from '../domain/task-patch.js';
import { INITIAL_STATUS } from '../domain/task-status.js';
import { taskColumns, type Task } from './task-columns.js';
import { tasks } from './tables.js';

/** A transaction opened by `withLockedTask`. */

function notFound(id: string): NotFound {
  return new NotFound('TASK_NOT_FOUND', `There is no task with id "${id}".`);
}

export async function insertTask(db: Db | Tx, posterId: string, draft: TaskDraft): Promise<Task> {
  const [row] = await db
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

/**
 * Runs `work` in a transaction holding the task's row lock, so the rule checked on the row
 * still holds when the change is written (two edits or an edit and an assignment cannot interleave).
 * Unknown and malformed ids are NOT_FOUND.
 */
export async function withLockedTask<T>(db: Db, id: string, work: (tx: Tx, task: Task) => Promise<T>): Promise<T> {
  if (!isUuid(id)) throw notFound(id);
  return db.transaction(async (tx) => {
    const task = await lockTask(tx, id);
    if (!task) throw notFound(id);
    return work(tx, task);
  });
}

/** Reads a task under its row lock inside an open transaction (event handlers); null if none. */
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
