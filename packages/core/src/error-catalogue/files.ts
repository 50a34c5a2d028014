import type { ReasonEntry } from './codes.js';

/** Refusals of uploads, downloads and attachments (files service: GraphQL and its upload/download URLs). */
export const FILES_REASONS = {
  UPLOAD_NOT_FOUND: { code: 'NOT_FOUND', description: 'No upload of the caller has this id (it may have expired unattached and been deleted).' },
  UPLOAD_NOT_FINISHED: { code: 'CONFLICT', description: "The upload's bytes have not been PUT to its uploadUrl yet." },
  UPLOAD_ALREADY_ATTACHED: { code: 'CONFLICT', description: 'The upload is already attached to something; upload the file again to use it twice.' },
  UPLOAD_ALREADY_RECEIVED: { code: 'CONFLICT', description: 'Bytes were already uploaded with this ticket; a ticket takes one file.' },
  UPLOAD_NOT_AN_IMAGE: { code: 'BAD_USER_INPUT', description: 'Only images (JPEG, PNG, WebP, HEIC) can be task photos.' },
  TOO_MANY_PHOTOS: { code: 'CONFLICT', description: 'The task already has the most photos allowed (`max`); remove one first.' },
  EXPENSE_NOT_YET_KNOWN: {
    code: 'CONFLICT',
    description: 'The expense was recorded a moment ago and files has not heard of it yet; retry shortly (`retryable`).',
  },
  NOT_EXPENSE_PAYER: { code: 'FORBIDDEN', description: "Only the member who paid an expense may attach its receipt." },
  NOT_RECEIPT_REMOVER: { code: 'FORBIDDEN', description: "Only the member who paid an expense or the group's owner may remove its receipt." },
  RECEIPT_NOT_FOUND: { code: 'NOT_FOUND', description: 'The expense has no receipt (or files has not heard of the expense yet).' },
  PHOTO_NOT_FOUND: { code: 'NOT_FOUND', description: 'No task photo has this id.' },
  FILE_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', description: 'The uploaded file is over the size limit (`maxBytes`).' },
  FILE_EMPTY: { code: 'BAD_USER_INPUT', description: 'The upload had no bytes.' },
  UNSUPPORTED_FILE_TYPE: {
    code: 'BAD_USER_INPUT',
    description: "The file's bytes are not one of the accepted types (`accepted`); the type is read from the content, not the name or header.",
  },
  FILE_URL_INVALID: { code: 'FORBIDDEN', description: 'The upload or download URL was not signed by this service for this file (changed or cut).' },
  FILE_URL_EXPIRED: { code: 'FORBIDDEN', description: 'The upload or download URL has expired; ask the API for a fresh one.' },
  FILES_UNAVAILABLE: { code: 'UNAVAILABLE', description: 'The gateway could not reach the files service; retry in a moment.' },
  FILE_NOT_SHARED: {
    code: 'FORBIDDEN',
    description: 'The download URL was given to someone who may no longer see the file (they left the group, or the task was hidden).',
  },
  FILE_NOT_FOUND: { code: 'NOT_FOUND', description: 'The file is gone (removed, or never uploaded).' },
} as const satisfies Record<string, ReasonEntry>;
