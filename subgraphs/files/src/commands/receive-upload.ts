import { createHash, randomBytes } from 'node:crypto';
import { BadUserInput, Conflict, NotFound } from '@sx/core';
import { sniffContentType, SNIFF_BYTES } from '@sx/file-storage';
import { findUpload, markUploaded } from '../db/upload-queries.js';
import type { FilesDeps } from '../deps.js';
import { acceptedTypes, type UploadPurpose } from '../domain/upload-state.js';

/** What the PUT answers once the bytes are stored. */
export interface ReceivedUpload {
  uploadId: string;
  contentType: string;
  sizeBytes: number;
}

/**
 * The PUT of an upload ticket (its signature already checked): the bytes' type is sniffed and
 * must suit the purpose, they are stored under a fresh key, and only then is the upload READY.
 * A second PUT racing the first stores its own copy, loses the conditional update and deletes it.
 */
export async function receiveUpload(deps: FilesDeps, input: { uploadId: string; bytes: Uint8Array; now: Date }): Promise<ReceivedUpload> {
  const upload = await findUpload(deps.db, input.uploadId);
  if (!upload || upload.status === 'DELETED') throw new NotFound('FILE_NOT_FOUND', 'This upload no longer exists; start a new one with createUpload.');
  if (upload.status !== 'PENDING') throw new Conflict('UPLOAD_ALREADY_RECEIVED', 'A file was already uploaded with this ticket; start a new upload for another file.');
  if (input.bytes.length === 0) throw new BadUserInput('FILE_EMPTY', 'The upload had no bytes: send the file as the body of the PUT.');
  const accepted = acceptedTypes(upload.purpose as UploadPurpose);
  const contentType = sniffContentType(input.bytes.subarray(0, SNIFF_BYTES));
  if (!contentType || !accepted.includes(contentType)) {
    throw new BadUserInput('UNSUPPORTED_FILE_TYPE', `This file is not one of ${accepted.join(', ')} (read from its content, not its name).`, { accepted });
  }
  const storageKey = `uploads/${upload.id}-${randomBytes(6).toString('hex')}`;
  await deps.store.put({ key: storageKey, bytes: input.bytes, contentType });
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const won = await markUploaded(deps.db, { id: upload.id, contentType, sizeBytes: input.bytes.length, sha256, storageKey, at: input.now });
  if (!won) {
    await deps.store.delete(storageKey);
    throw new Conflict('UPLOAD_ALREADY_RECEIVED', 'A file was already uploaded with this ticket; start a new upload for another file.');
  }
  return { uploadId: upload.id, contentType, sizeBytes: input.bytes.length };
}
