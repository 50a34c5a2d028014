import { describe, expect, it } from 'vitest';
import { eventually } from '@sx/testkit';
import { AddTaskPhotoDocument, getFragmentData, AttachmentDetailFragmentDoc, TaskPhotosDocument } from '../src/index.js';
import { postTask, signedUpClient, testClient } from './harness.js';

// client.upload through the real gateway: the ticket, the PUT, and the photo shown on the task
// with a URL that client.fileUrl makes fetchable.

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3, 4, 5]);

describe('client.upload', () => {
  it('uploads a Blob, attaches it to a task and downloads it from the URL the API gave', async () => {
    const { sx } = await signedUpClient('Una Uploader');
    const taskId = await postTask(sx, 'Paint the shed');
    // The Blob says text/plain; the server reads the bytes.
    const uploaded = await sx.upload(new Blob([JPEG], { type: 'text/plain' }), { purpose: 'PHOTO' });
    expect(uploaded).toMatchObject({ ok: true, data: { contentType: 'image/jpeg', sizeBytes: JPEG.length } });
    if (!uploaded.ok) return;
    const added = await eventually(
      () => sx.request(AddTaskPhotoDocument, { input: { taskId, uploadId: uploaded.data.uploadId } }),
      (r) => r.ok || !r.error.retryable,
      { what: 'files to know the task' },
    );
    if (!added.ok) throw added.error;
    const photos = await sx.request(TaskPhotosDocument, { taskId });
    if (!photos.ok) throw photos.error;
    const [photo] = (photos.data.task?.photos ?? []).map((p) => getFragmentData(AttachmentDetailFragmentDoc, p));
    expect(photo?.id).toBe(uploaded.data.uploadId);
    const download = await fetch(sx.fileUrl(photo?.url ?? ''));
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(JPEG);
  });

  it('gives the refusal as an SxError with its reason, and needs a session', async () => {
    const { sx } = await signedUpClient('Hugo Html');
    const html = await sx.upload(new TextEncoder().encode('<html><body>not a photo</body></html>'), { purpose: 'PHOTO' });
    expect(html.ok).toBe(false);
    if (html.ok) return;
    expect(html.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_FILE_TYPE', status: 400 });
    const anonymous = await testClient().sx.upload(JPEG, { purpose: 'PHOTO' });
    expect(anonymous.ok ? null : anonymous.error.code).toBe('UNAUTHENTICATED');
  });
});
