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
}

export function createLoaders(db: Db): FileLoaders {
  return {
    taskPhotos: new DataLoader(async (taskIds) => {
      const rows = await findAttachedTo(db, 'TASK', onlyUuids(taskIds));
      const byTask = new Map<string, UploadRow[]>();
      for (const row of rows) if (row.parentId) byTask.set(row.parentId, [...(byTask.get(row.parentId) ?? []), row]);
      return taskIds.map((id) => byTask.get(id) ?? []);
    }),
  };
}
