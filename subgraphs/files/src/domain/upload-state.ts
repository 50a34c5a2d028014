import { BadUserInput, Conflict, Forbidden, NotFound } from '@sx/core';
import { DOCUMENT_TYPES, IMAGE_TYPES, type AttachmentType } from '@sx/file-storage';

export const UPLOAD_PURPOSES = ['PHOTO', 'DOCUMENT'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

export const UPLOAD_STATUSES = ['PENDING', 'READY', 'ATTACHED', 'DELETED'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

/** What an attachment can hang on; EXPENSE is for the groups' receipts. */
export const PARENT_TYPES = ['TASK', 'EXPENSE'] as const;
export type ParentType = (typeof PARENT_TYPES)[number];

/** The types an upload for `purpose` may turn out to be. */
export function acceptedTypes(purpose: UploadPurpose): readonly AttachmentType[] {
  return purpose === 'PHOTO' ? IMAGE_TYPES : DOCUMENT_TYPES;
}

/** What attaching needs to know of an upload. */
export interface UploadFacts {
  ownerId: string;
  status: UploadStatus;
  contentType: string | null;
}

/**
 * Whether `callerId` may attach this upload: it must be theirs (an upload id seen in someone
 * else's request is useless), finished and not attached yet.
 */
function assertAttachable(upload: UploadFacts | null, callerId: string): asserts upload is UploadFacts {
  // Someone else's upload is reported as missing: its id tells a stranger nothing.
  if (!upload || upload.ownerId !== callerId || upload.status === 'DELETED') throw new NotFound('UPLOAD_NOT_FOUND', 'No upload of yours has this id; start one with createUpload.');
  if (upload.status === 'PENDING') throw new Conflict('UPLOAD_NOT_FINISHED', "The file's bytes have not been uploaded yet: PUT them to the ticket's uploadUrl first.");
  if (upload.status === 'ATTACHED') throw new Conflict('UPLOAD_ALREADY_ATTACHED', 'This upload is already attached; upload the file again to use it twice.');
}

/** A task photo: an attachable upload that is an image. */
export function assertAttachablePhoto(upload: UploadFacts | null, callerId: string): void {
  assertAttachable(upload, callerId);
  if (!upload.contentType || !(IMAGE_TYPES as readonly string[]).includes(upload.contentType)) {
    throw new BadUserInput('UPLOAD_NOT_AN_IMAGE', 'Only images (JPEG, PNG, WebP, HEIC) can be task photos.');
  }
}

/** An expense's receipt: an attachable upload that is an image or a PDF. */
export function assertAttachableReceipt(upload: UploadFacts | null, callerId: string): void {
  assertAttachable(upload, callerId);
  if (!upload.contentType || !(DOCUMENT_TYPES as readonly string[]).includes(upload.contentType)) {
    throw new BadUserInput('UNSUPPORTED_FILE_TYPE', `A receipt must be one of ${DOCUMENT_TYPES.join(', ')}.`, { accepted: DOCUMENT_TYPES });
  }
}

/** Only the member who paid attaches an expense's receipt. */
export function assertExpensePayer(payerId: string | null, callerId: string): void {
  if (payerId === null) throw new Conflict('EXPENSE_NOT_YET_KNOWN', 'The expense was recorded a moment ago and files has not heard of it yet; retry shortly.', { retryable: true });
  if (payerId !== callerId) throw new Forbidden('NOT_EXPENSE_PAYER', 'Only the member who paid this expense can attach its receipt.');
}

/**
 * Who may remove an expense's receipt: the member who paid it, or the group's owner (who tidies
 * the group's books). A non-member is refused as groups refuses them everywhere else.
 */
export function assertReceiptRemover(args: { payerId: string; callerRole: 'OWNER' | 'MEMBER' | null }, callerId: string): void {
  if (args.callerRole === null) throw new Forbidden('NOT_GROUP_MEMBER', 'Only members of the group can see or change its expenses.');
  if (args.payerId !== callerId && args.callerRole !== 'OWNER') throw new Forbidden('NOT_RECEIPT_REMOVER', "Only the member who paid this expense or the group's owner can remove its receipt.");
}

/** Only the poster changes a task's photos. */
export function assertTaskPoster(posterId: string | null, callerId: string): void {
  if (posterId === null) throw new Conflict('TASK_NOT_YET_KNOWN', 'The task was posted a moment ago and files has not heard of it yet; retry shortly.', { retryable: true });
  if (posterId !== callerId) throw new Forbidden('NOT_TASK_POSTER', 'Only the person who posted this task can change its photos.');
}

/** A task carries at most `max` photos. */
export function assertPhotoRoom(count: number, max: number): void {
  if (count >= max) throw new Conflict('TOO_MANY_PHOTOS', `A task can have at most ${max} photos; remove one first.`, { max });
}
