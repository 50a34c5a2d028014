import DataLoader from 'dataloader';
import { onlyUuids } from '@sx/core';
import type { Db } from '@sx/runtime';
import { findAttachedTo } from './db/upload-queries.js';
import type { UploadRow } from './db/tables.js';

export type { UploadRow } from './db/tables.js';

/** Every read the files resolvers make. */
export interface FileLoaders {
  /** A task's photos, oldest first; a page of tasks is one statement. */
  taskPhotos: DataLoader<string, UploadRow[]>;
  /** An expense's receipt (the newest, should a replacement race leave two for a moment). */
  expenseReceipt: DataLoader<string, UploadRow | null>;
}

/** The attachments of a page of parents, one statement, grouped by parent in `ids`' order. */
async function attachedByParent(db: Db, parentType: 'TASK' | 'EXPENSE', ids: readonly string[]): Promise<UploadRow[][]> {
  const rows = await findAttachedTo(db, parentType, onlyUuids(ids));
  const byParent = new Map<string, UploadRow[]>();
  for (const row of rows) if (row.parentId) byParent.set(row.parentId, [...(byParent.get(row.parentId) ?? []), row]);
  return ids.map((id) => byParent.get(id) ?? []);
}

export function createLoaders(db: Db): FileLoaders {
  return {
    taskPhotos: new DataLoader((taskIds) => attachedByParent(db, 'TASK', taskIds)),
    expenseReceipt: new DataLoader(async (expenseIds) => (await attachedByParent(db, 'EXPENSE', expenseIds)).map((rows) => rows.at(-1) ?? null)),
  };
}
