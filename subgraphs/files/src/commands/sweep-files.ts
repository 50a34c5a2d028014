import type { Logger } from '@sx/runtime';
import { claimSweepable, forgetDeleted, markDeleted } from '../db/upload-queries.js';
import type { FilesDeps } from '../deps.js';

/**
 * Deletes the bytes of DELETED files, then their rows. A failed blob delete leaves the row
 * DELETED for the next sweep: bytes are never forgotten while still stored.
 */
export async function deleteFiles(deps: Pick<FilesDeps, 'db' | 'store'>, files: { id: string; storageKey: string | null }[], log: Logger): Promise<number> {
  let deleted = 0;
  for (const file of files) {
    try {
      if (file.storageKey) await deps.store.delete(file.storageKey);
      await forgetDeleted(deps.db, file.id);
      deleted += 1;
    } catch (err) {
      log.warn({ err: (err as Error).message, fileId: file.id }, 'file not deleted yet; the sweeper retries');
    }
  }
  return deleted;
}

/**
 * One sweep: removed files, and uploads left unattached past their time, are marked DELETED
 * under their row locks (an attach waiting on one then finds it gone), then deleted.
 */
export async function sweepFiles(deps: FilesDeps, log: Logger, now: Date, batch: number): Promise<number> {
  const abandonedBefore = new Date(now.getTime() - deps.limits.unattachedTtlS * 1000);
  const claimed = await deps.db.transaction(async (tx) => {
    const rows = await claimSweepable(tx, { abandonedBefore, limit: batch });
    await markDeleted(tx, rows.map((r) => r.id), now);
    return rows;
  });
  const deleted = await deleteFiles(deps, claimed, log);
  if (deleted > 0) log.info({ deleted }, 'files swept');
  return deleted;
}
