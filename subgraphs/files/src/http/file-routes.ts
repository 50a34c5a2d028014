import express from 'express';
import { DomainError, isUuid } from '@sx/core';
import { extensionOf, isAttachmentType } from '@sx/file-storage';
import type { Logger } from '@sx/runtime';
import { receiveUpload } from '../commands/receive-upload.js';
import { findUpload } from '../db/upload-queries.js';
import type { FilesDeps } from '../deps.js';
import { stillShared } from '../commands/download-access.js';
import type { UrlAudience, UrlPurpose } from '../domain/file-urls.js';
import { refusal, sendRefusal } from './refusals.js';

/** Refuses a request whose URL is not a live signature for this id and purpose; the id and the URL's audience when it may go on. */
function checkUrl(deps: FilesDeps, purpose: UrlPurpose, req: express.Request, res: express.Response): { id: string; audience: UrlAudience | null } | null {
  const id = String(req.params.id);
  const check = isUuid(id) ? deps.urls.check(purpose, id, req.query, new Date()) : ({ ok: false, reason: 'bad-signature' } as const);
  if (check.ok) return { id, audience: check.audience };
  if (check.reason === 'expired') sendRefusal(res, refusal('FILE_URL_EXPIRED', 'This link has expired; ask the API for a fresh one.'));
  else sendRefusal(res, refusal('FILE_URL_INVALID', 'This link was not issued for this file (changed or cut).'));
  return null;
}

async function download(deps: FilesDeps, url: { id: string; audience: UrlAudience | null }, res: express.Response): Promise<void> {
  const file = await findUpload(deps.db, url.id);
  if (file?.status === 'ATTACHED' && !(await stillShared(deps.db, file, url.audience))) {
    sendRefusal(res, refusal('FILE_NOT_SHARED', 'This link no longer works for whom it was given (the task was hidden, or they left the group).'));
    return;
  }
  const bytes = file?.status === 'ATTACHED' && file.storageKey ? await deps.store.get(file.storageKey) : null;
  if (!file || !bytes || !file.contentType || !isAttachmentType(file.contentType)) {
    sendRefusal(res, refusal('FILE_NOT_FOUND', 'This file has been removed.'));
    return;
  }
  res.status(200);
  // The type is the sniffed one; nosniff stops a browser from guessing another (an image as HTML).
  res.setHeader('content-type', file.contentType);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-disposition', `${file.contentType === 'application/pdf' ? 'attachment' : 'inline'}; filename="${file.id}.${extensionOf(file.contentType)}"`);
  // A signed URL is a private capability: no shared cache keeps it past the signer's say.
  res.setHeader('cache-control', 'private, max-age=300');
  res.setHeader('content-security-policy', "default-src 'none'; sandbox");
  // The web app shows photos from its own origin: the signed URL, not the origin, is the permission.
  res.setHeader('cross-origin-resource-policy', 'cross-origin');
  res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/**
 * The files service's plain-HTTP side, reached through the gateway: PUT /uploads/:id (a
 * ticket's bytes) and GET /files/:id (a download). Neither takes a session: the signed URL is
 * the whole permission, minted only by the GraphQL side for callers it has checked.
 */
export function fileRoutes(deps: FilesDeps, log: Logger): express.Router {
  const router = express.Router();
  router.put('/uploads/:id', (req, res, next) => {
    const id = checkUrl(deps, 'upload', req, res)?.id;
    if (!id) return;
    // Checked before the body is read: a bad URL costs no upload.
    express.raw({ type: () => true, limit: deps.limits.maxUploadBytes })(req, res, (err?: unknown) => {
      if (err) return next(err);
      const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
      receiveUpload(deps, { uploadId: id, bytes, now: new Date() }).then(
        (received) => {
          log.info({ uploadId: id, contentType: received.contentType, sizeBytes: received.sizeBytes }, 'upload received');
          res.status(201).json(received);
        },
        (failure: unknown) => next(failure),
      );
    });
  });
  router.get('/files/:id', (req, res, next) => {
    const url = checkUrl(deps, 'download', req, res);
    if (url) download(deps, url, res).catch(next);
  });
  router.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (err instanceof DomainError) return sendRefusal(res, err);
    if ((err as { type?: string }).type === 'entity.too.large') {
      return sendRefusal(res, refusal('FILE_TOO_LARGE', `The file is over ${deps.limits.maxUploadBytes} bytes.`, { maxBytes: deps.limits.maxUploadBytes }));
    }
    log.error({ err: (err as Error).message }, 'file request failed');
    res.status(500).json({ errors: [{ message: 'The file request failed; retry in a moment.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });
  return router;
}


