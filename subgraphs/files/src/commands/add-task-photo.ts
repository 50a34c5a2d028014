import type { Caller } from '@sx/events';
import { countAttached, lockTaskPoster, lockUpload, markAttached } from '../db/upload-queries.js';
import type { UploadRow } from '../db/tables.js';
import type { FilesDeps } from '../deps.js';
import { assertAttachablePhoto, assertPhotoRoom, assertTaskPoster, type UploadStatus } from '../domain/upload-state.js';

/**
 * addTaskPhoto: the task's poster attaches one of their finished image uploads. The task's
 * replica row is locked first (then the upload), so two concurrent adds count photos one at a
 * time and the limit holds; the sweeper takes only the upload's lock, never the task's.
 */
export async function addTaskPhoto(deps: FilesDeps, input: { caller: Caller; taskId: string; uploadId: string; now: Date }): Promise<UploadRow> {
  return deps.db.transaction(async (tx) => {
    assertTaskPoster(await lockTaskPoster(tx, input.taskId), input.caller.userId);
    const upload = await lockUpload(tx, input.uploadId);
    assertAttachablePhoto(upload && { ...upload, status: upload.status as UploadStatus }, input.caller.userId);
    assertPhotoRoom(await countAttached(tx, 'TASK', input.taskId), deps.limits.maxPhotosPerTask);
    return markAttached(tx, { id: input.uploadId, parentType: 'TASK', parentId: input.taskId, at: input.now });
  });
}
