import type { UploadRow } from '../db/tables.js';
import type { FilesDeps } from '../deps.js';

/** An Attachment as the API shows it, with a download URL minted for this answer. */
export interface AttachmentView {
  id: string;
  contentType: string;
  sizeBytes: number;
  url: string;
  urlExpiresAt: Date;
  createdAt: Date;
}

/** Only called for a caller already allowed to see the parent: the URL is the permission to download. */
export function attachmentView(deps: Pick<FilesDeps, 'urls' | 'limits'>, row: UploadRow, now: Date): AttachmentView {
  if (!row.contentType || row.sizeBytes === null) throw new Error(`attachment ${row.id} has no stored bytes`);
  const signed = deps.urls.sign('download', row.id, deps.limits.downloadUrlTtlS, now);
  return { id: row.id, contentType: row.contentType, sizeBytes: row.sizeBytes, url: signed.url, urlExpiresAt: signed.expiresAt, createdAt: row.attachedAt ?? row.createdAt };
}
