import { NotFound } from '@sx/core';
import type { Caller } from '@sx/events';
import type { Logger } from '@sx/runtime';
import { lockTaskPoster, lockUpload, markDeleted } from '../db/upload-queries.js';
import type { FilesDeps } from '../deps.js';
import { assertTaskPoster } from '../domain/upload-state.js';
import { deleteFiles } from './sweep-files.js';

/**
 * removeTaskPhoto: the poster takes a photo off their task. The row turns DELETED in the
 * transaction (download URLs stop working at commit); the bytes go right after, and if that
 * fails the sweeper retries, so a removed photo is never left half-visible.
 */
export async function removeTaskPhoto(deps: FilesDeps, input: { caller: Caller; photoId: string; now: Date }, log: Logger): Promise<{ removedPhotoId: string; taskId: string }> {
  const removed = await deps.db.transaction(async (tx) => {
    const photo = await lockUpload(tx, input.photoId);
    if (!photo || photo.status !== 'ATTACHED' || photo.parentType !== 'TASK' || !photo.parentId) throw new NotFound('PHOTO_NOT_FOUND', 'No task photo has this id.');
    assertTaskPoster(await lockTaskPoster(tx, photo.parentId), input.caller.userId);
    await markDeleted(tx, [photo.id], input.now);
    return { removedPhotoId: photo.id, taskId: photo.parentId, storageKey: photo.storageKey };
  });
  await deleteFiles(deps, [{ id: removed.removedPhotoId, storageKey: removed.storageKey }], log);
  return { removedPhotoId: removed.removedPhotoId, taskId: removed.taskId };
}
