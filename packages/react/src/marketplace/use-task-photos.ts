import { AddTaskPhotoDocument, AttachmentDetailFragmentDoc, getFragmentData, RemoveTaskPhotoDocument, retryWhileRetryable, TaskPhotosDocument, type AttachmentDetailFragment, type SxError } from '@sx/sdk';
import { useCallback, useState } from 'react';
import { useSx } from '../context.js';
import { useQuery } from '../use-query.js';

export type TaskPhoto = Omit<AttachmentDetailFragment, ' $fragmentName'> & { src: string };

export interface TaskPhotos {
  /** Oldest first; `src` is the download URL made absolute (it works for a few minutes). */
  photos: TaskPhoto[];
  /** Uploads a file and shows it on the task (the poster only; the server says why not otherwise). */
  add(file: Blob): Promise<void>;
  remove(photoId: string): Promise<void>;
  /** An upload or removal is under way. */
  busy: boolean;
  error: SxError | null;
}

/** A task's photos for a signed-in viewer, and the poster's add and remove. */
export function useTaskPhotos(taskId: string): TaskPhotos {
  const sx = useSx();
  const query = useQuery(TaskPhotosDocument, { taskId });
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<SxError | null>(null);
  const run = useCallback(
    async (action: () => Promise<SxError | null>) => {
      setBusy(true);
      setActionError(null);
      const failed = await action();
      setActionError(failed);
      // Fresh URLs and the server's order, whatever happened.
      await query.refresh();
      setBusy(false);
    },
    [query],
  );
  const add = useCallback(
    (file: Blob) =>
      run(async () => {
        const uploaded = await sx.upload(file, { purpose: 'PHOTO' });
        if (!uploaded.ok) return uploaded.error;
        // A task posted a moment ago may not be known to the files service yet: retryable.
        const added = await retryWhileRetryable(() => sx.request(AddTaskPhotoDocument, { input: { taskId, uploadId: uploaded.data.uploadId } }));
        return added.ok ? null : added.error;
      }),
    [run, sx, taskId],
  );
  const remove = useCallback(
    (photoId: string) =>
      run(async () => {
        const removed = await sx.request(RemoveTaskPhotoDocument, { id: photoId });
        return removed.ok ? null : removed.error;
      }),
    [run, sx],
  );
  const photos = (query.data?.task?.photos ?? []).map((p) => {
    const photo = getFragmentData(AttachmentDetailFragmentDoc, p);
    return { ...photo, src: sx.fileUrl(photo.url) };
  });
  return { photos, add, remove, busy, error: actionError ?? query.error };
}
