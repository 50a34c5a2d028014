import { deriveIdentityKey } from '@sx/runtime';
import { signCapability } from '@sx/file-storage';
import { eventually, gql, gqlOk, stackInfo, type GraphQLResponse, type TestUser } from '@sx/testkit';

// Helpers of the attachment tests: upload tickets, PUTs and downloads through the gateway.

export interface Ticket {
  uploadId: string;
  uploadUrl: string;
  expiresAt: string;
  maxBytes: number;
  acceptedContentTypes: string[];
}

export interface Photo {
  id: string;
  contentType: string;
  sizeBytes: number;
  url: string;
  urlExpiresAt: string;
}

export const PHOTO_FIELDS = 'id contentType sizeBytes url urlExpiresAt';

/** A tiny JPEG-looking file: the JFIF signature, then filler. */
export function jpegBytes(size = 64): Uint8Array {
  const bytes = new Uint8Array(size).fill(0x2a);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  return bytes;
}

export const pdfBytes = (): Uint8Array => new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

/** A URL the API gave (a path on its origin) made absolute against the gateway. */
export const onGateway = (url: string): URL => new URL(url, stackInfo().gatewayUrl);

export async function createUpload(user: TestUser, purpose: 'PHOTO' | 'DOCUMENT' = 'PHOTO'): Promise<Ticket> {
  const data = await gqlOk<{ createUpload: Ticket }>(
    `mutation($input: CreateUploadInput!) { createUpload(input: $input) { uploadId uploadUrl expiresAt maxBytes acceptedContentTypes } }`,
    { input: { purpose } },
    { token: user.accessToken },
  );
  return data.createUpload;
}

/** PUTs bytes to a ticket's URL, claiming whatever Content-Type the caller likes. */
export async function putBytes(url: string, bytes: Uint8Array, contentType = 'application/octet-stream'): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(onGateway(url), { method: 'PUT', headers: { 'content-type': contentType }, body: bytes });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export const reasonOf = (body: Record<string, unknown>): unknown => (body.errors as { extensions: { reason: string } }[] | undefined)?.[0]?.extensions.reason;

export function addTaskPhoto(user: TestUser, taskId: string, uploadId: string): Promise<GraphQLResponse<{ addTaskPhoto: Photo }>> {
  return gql<{ addTaskPhoto: Photo }>(`mutation($input: AddTaskPhotoInput!) { addTaskPhoto(input: $input) { ${PHOTO_FIELDS} } }`, { input: { taskId, uploadId } }, { token: user.accessToken });
}

/** addTaskPhoto, retried while files has not yet heard of a task posted a moment ago. */
export async function addTaskPhotoOk(user: TestUser, taskId: string, uploadId: string): Promise<Photo> {
  const res = await eventually(
    () => addTaskPhoto(user, taskId, uploadId),
    (r) => r.errors?.[0]?.extensions?.reason !== 'TASK_NOT_YET_KNOWN',
    { what: 'files to know the task' },
  );
  if (!res.data?.addTaskPhoto) throw new Error(`addTaskPhoto failed: ${JSON.stringify(res.errors)}`);
  return res.data.addTaskPhoto;
}

/** Upload a JPEG and show it on the task. */
export async function uploadTaskPhoto(poster: TestUser, taskId: string, bytes = jpegBytes()): Promise<Photo> {
  const ticket = await createUpload(poster);
  const put = await putBytes(ticket.uploadUrl, bytes, 'image/jpeg');
  if (put.status !== 201) throw new Error(`upload failed: ${JSON.stringify(put.body)}`);
  return addTaskPhotoOk(poster, taskId, ticket.uploadId);
}

export function taskPhotos(taskId: string, user: TestUser | null): Promise<GraphQLResponse<{ task: { photos: Photo[] | null } }>> {
  return gql<{ task: { photos: Photo[] | null } }>(`query($id: ID!) { task(id: $id) { id photos { ${PHOTO_FIELDS} } } }`, { id: taskId }, user ? { token: user.accessToken } : {});
}

/** A download URL signed with the run's real key, for any id and expiry (an old URL is exactly this). */
export function signedDownloadPath(id: string, expiresAtS: number): string {
  const key = deriveIdentityKey(stackInfo().secrets.identitySecret, 'files');
  return `/files/${id}?exp=${expiresAtS}&sig=${signCapability(key, { purpose: 'download', id, expiresAtS })}`;
}
