import type { UploadRow } from '../loaders.js';
import type { FilesDeps } from '../deps.js';
import type { UrlAudience } from '../domain/file-urls.js';

/** An Attachment as the API shows it, with a download URL minted for this answer. */
export interface AttachmentView {
  id: string;
  contentType: string;
  sizeBytes: number;
  url: string;
  urlExpiresAt: Date;
  createdAt: Date;
}

/**
 * Only called for a caller already allowed to see the parent: the URL is the permission to
 * download, for `audience` (domain/file-urls.ts) when the download must check it again.
 */
export function attachmentView(deps: Pick<FilesDeps, 'urls' | 'limits'>, row: UploadRow, now: Date, audience?: UrlAudience): AttachmentView {
  if (!row.contentType || row.sizeBytes === null) throw new Error(`attachment ${row.id} has no stored bytes`);
  const signed = deps.urls.sign('download', row.id, deps.limits.downloadUrlTtlS, now, audience);
  return { id: row.id, contentType: row.contentType, sizeBytes: row.sizeBytes, url: signed.url, urlExpiresAt: signed.expiresAt, createdAt: row.attachedAt ?? row.createdAt };
}
