import type { Caller } from '@sx/events';
import { insertUpload } from '../db/upload-queries.js';
import type { FilesDeps } from '../deps.js';
import { acceptedTypes, type UploadPurpose } from '../domain/upload-state.js';

/** What createUpload answers: the ticket's id and where to PUT the bytes. */
export interface UploadTicketView {
  uploadId: string;
  uploadUrl: string;
  expiresAt: Date;
  maxBytes: number;
  acceptedContentTypes: string[];
}

/** createUpload: records a PENDING upload of the caller and signs a short-lived PUT URL for it. */
export async function createUpload(deps: FilesDeps, input: { caller: Caller; purpose: UploadPurpose; now: Date }): Promise<UploadTicketView> {
  const ttlS = deps.limits.uploadUrlTtlS;
  const row = await insertUpload(deps.db, { ownerId: input.caller.userId, purpose: input.purpose, ticketExpiresAt: new Date(input.now.getTime() + ttlS * 1000) });
  const signed = deps.urls.sign('upload', row.id, ttlS, input.now);
  return { uploadId: row.id, uploadUrl: signed.url, expiresAt: signed.expiresAt, maxBytes: deps.limits.maxUploadBytes, acceptedContentTypes: [...acceptedTypes(input.purpose)] };
}
