import { fromGraphQLError, isGraphQLErrorList, SxError } from './errors.js';
import type { UploadPurpose } from './generated/graphql.js';
import { linkedAbort, networkError, type HttpOptions } from './http.js';
import { failure, type Result } from './result.js';

/** An upload whose bytes the server has stored: give `uploadId` to addTaskPhoto. */
export interface UploadedFile {
  uploadId: string;
  /** Read by the server from the bytes (image/jpeg, image/png, image/webp, image/heic, application/pdf). */
  contentType: string;
  sizeBytes: number;
}

export interface UploadOptions {
  /** PHOTO takes images; DOCUMENT (receipts, bills) also takes PDFs. */
  purpose: UploadPurpose;
  signal?: AbortSignal;
}

/** The request `client.request` sends, for the ticket (with the session and its refresh). */
type RequestTicket = (purpose: UploadPurpose, signal: AbortSignal | undefined) => Promise<Result<{ uploadUrl: string; uploadId: string }>>;

/** A path the API gave (`/files/…`, `/uploads/…`) made absolute against the GraphQL endpoint's origin. */
export function resolveApiUrl(endpoint: string, path: string): string {
  return new URL(path, endpoint).toString();
}

async function putBytes(http: HttpOptions, url: string, file: Blob | Uint8Array, signal: AbortSignal | undefined): Promise<Result<UploadedFile>> {
  const abort = linkedAbort(signal, http.timeoutMs);
  try {
    // The server reads the type from the bytes; the header is only a courtesy.
    const headers = { 'content-type': file instanceof Uint8Array ? 'application/octet-stream' : file.type || 'application/octet-stream' };
    const response = await http.fetch()(url, { method: 'PUT', headers, body: file as NonNullable<Parameters<typeof fetch>[1]>['body'], signal: abort.signal });
    const body = (await response.json().catch(() => null)) as (Partial<UploadedFile> & { errors?: unknown }) | null;
    if (response.ok && body && typeof body.uploadId === 'string') {
      return { ok: true, data: { uploadId: body.uploadId, contentType: String(body.contentType), sizeBytes: Number(body.sizeBytes) } };
    }
    const errors = isGraphQLErrorList(body?.errors) ? body.errors.map((e) => fromGraphQLError(e, response.status)) : [];
    const [first, ...rest] = errors;
    if (first) return failure([first, ...rest]);
    return failure([new SxError('BAD_RESPONSE', `The upload answered HTTP ${response.status} with something unexpected.`, { status: response.status })]);
  } catch (err) {
    return failure([abort.reason() ?? networkError(err)]);
  } finally {
    abort.dispose();
  }
}

/** createUpload, then the PUT of the bytes to the ticket's URL: `client.upload`. */
export async function uploadFile(http: HttpOptions, requestTicket: RequestTicket, file: Blob | Uint8Array, opts: UploadOptions): Promise<Result<UploadedFile>> {
  const ticket = await requestTicket(opts.purpose, opts.signal);
  if (!ticket.ok) return { ...ticket, partial: null };
  return putBytes(http, resolveApiUrl(http.url, ticket.data.uploadUrl), file, opts.signal);
}

